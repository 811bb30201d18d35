"""Residents' and officials' accounts: registration, sign-in, profile, personal data."""
