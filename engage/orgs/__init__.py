"""Partner organizations: applications, verification, members and invitations."""
