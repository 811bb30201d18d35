"""The moderation rules, by topic: decisions, screening, appeals, suspensions, guidelines."""
