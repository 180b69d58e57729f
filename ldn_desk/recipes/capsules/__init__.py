"""LDN capsules: powder and filler, fill weight, QC and the aliquot method, the written steps."""
