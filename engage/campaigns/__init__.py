"""Campaigns: identical or near-identical comments (form letters) grouped as they arrive."""
