"""Ledger kinds of the safety area (filled in below)."""
