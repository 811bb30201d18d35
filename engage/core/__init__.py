"""Pages every visitor starts from."""
