"""Characters that hide part of what was typed: control, invisible and bidi characters.

One rule for the whole program. A number's reading (`quantity.fold_typed`) refuses them, and so
does every identifier the log keeps (patient, Rx number, lot, maker, people's names, reasons): a
lot saved as "NX<U+200B>2291" looks like NX2291 on paper but a recall for NX2291 would miss it,
and a right-to-left override can make "RX-1001" print as another number.
"""

from __future__ import annotations

import unicodedata

from ldn_desk.errors import InputError

# Control, format (zero-width, bidi, soft hyphen), private use, unpaired surrogate, unassigned.
HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Cn"})
# Characters outside those categories that still print as nothing, or break a line.
_INVISIBLE = frozenset({"\u034f", "\u115f", "\u1160", "\u2028", "\u2029", "\u2800", "\u3164", "\uffa0"})


def is_hidden(char: str) -> bool:
    """True for a character a reader cannot see, or one that reorders or breaks what is shown."""
    return char in _INVISIBLE or unicodedata.category(char) in HIDDEN_CATEGORIES


def code(char: str) -> str:
    """U+200B ZERO WIDTH SPACE: the code point, and its name where Unicode gives one."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def shown(text: str) -> str:
    """Text for a message: hidden characters are written as their code point, <U+200B>."""
    return "".join(
        f"<U+{ord(char):04X}>" if is_hidden(char) or not char.isprintable() else char for char in text
    )


def hidden_problem(text: str) -> str | None:
    """What is wrong with `text` (the first hidden character, its code and place), or None."""
    for place, char in enumerate(text, 1):
        if is_hidden(char):
            kind = (
                "a line break or control character"
                if unicodedata.category(char) == "Cc"
                else ("an invisible or bidi character")
            )
            return f"contains {kind} ({code(char)}) as character {place}"
    return None


def check_identifier(text: str, field: str, *, private: bool = False) -> str:
    """`text` unchanged when every character can be seen; else an InputError naming the field, the
    character and where it is. A private value (patient, Rx) is never repeated in the message; the
    example for the rest is the text without the hidden characters, which is what was meant."""
    problem = hidden_problem(text)
    if problem is None:
        return text
    if private:
        raise InputError(field, None, f"{problem}; type it again without that character")
    visible = "".join(char for char in text if not is_hidden(char)).strip()
    raise InputError(field, shown(text), f"{problem}; type it without that character", visible)
