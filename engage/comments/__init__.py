"""Comment threads on policy versions: posting, replies, endorsements, flags, follows."""
