"""Annual surveillance reports and exigent-use notices."""
