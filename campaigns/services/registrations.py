"""Webinar registrations."""
