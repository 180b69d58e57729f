"""The app's settings: stored values, the Settings dialog, the window's state."""
