"""The notifications API under /api/v1/notifications/: the same services, selectors and permission
rules as the pages."""
