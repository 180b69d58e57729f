"""Liquid LDN: whole tablets or weighed powder in a vehicle, serial dilution, the written steps."""
