"""Scrutiny panels (samples, packs, findings) and the annual policy review (crs reassess)."""
