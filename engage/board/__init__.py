"""The oversight board: summaries of what residents said, the board's pages, the annual packet."""
