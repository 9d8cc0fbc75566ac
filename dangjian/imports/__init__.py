"""Bringing in the sheets a branch already keeps: rosters, sign-in sheets, collection sheets."""
