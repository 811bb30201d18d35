"""Moderation: guidelines, screening rules, the queue, decisions, appeals, suspensions."""
