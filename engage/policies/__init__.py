"""The policy catalog: departments, technologies, surveillance use policies and their versions."""
