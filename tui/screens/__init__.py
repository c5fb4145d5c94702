"""The screens: browsing, one event in full, the time-travel dialog, help."""
