"""The staff workspace: the entry point to everything the city writes."""
