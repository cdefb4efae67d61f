"""Ledger kinds: unions, members, workplaces contracts and congresses, events and honours."""
