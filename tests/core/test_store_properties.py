"""Properties of the log: any JSON data comes back exactly; any spelling of a lot finds its records."""

from __future__ import annotations

import math
import string
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_samples import liquid, water

from ldn_desk.store import Ingredient, Store

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
_json = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=25,
)
# Lot numbers on containers: letters, digits and a little punctuation.
_lots = st.text(alphabet=string.ascii_letters + string.digits + "-/._#", min_size=1, max_size=12)

_settings = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _same(a: Any, b: Any) -> bool:
    """Equal, and floats equal to the bit (0.0 and -0.0 differ on paper: '-0')."""
    if isinstance(a, float) and isinstance(b, float):
        return a == b and math.copysign(1, a) == math.copysign(1, b)
    if isinstance(a, dict) and isinstance(b, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    return type(a) is type(b) and a == b


@_settings
@given(results=st.dictionaries(st.text(max_size=8), _json, max_size=6))
def test_any_json_results_come_back_exactly(results: dict[str, Any], store_engine: str) -> None:
    # On both engines; the examples share one log (each saves a record of its own).
    with Store.open(store_engine) as store:
        if not store.shared:
            store._conn.execute("PRAGMA synchronous = OFF")  # speed only; the data path is the same
        record_id = store.save_record(liquid(results=results, inputs={"echo": results}))
        saved = store.record(record_id)
        assert _same(saved.results, results) and _same(saved.inputs, {"echo": results})


@_settings
@given(lot=_lots, upper=st.booleans(), pad=st.sampled_from(["", " ", "  ", "\u00a0"]))
def test_a_lot_is_found_however_it_is_typed(lot: str, upper: bool, pad: str, store_engine: str) -> None:
    with Store.open(store_engine) as store:
        if not store.shared:
            store._conn.execute("PRAGMA synchronous = OFF")
        record_id = store.save_record(
            liquid(ingredients=(Ingredient("Tablets", "M", lot, "2027-01", "100 mg"), water()))
        )
        typed = pad + (lot.upper() if upper else lot.lower()) + pad
        if typed.strip():
            assert record_id in [summary.id for summary in store.search(lot=typed)]
