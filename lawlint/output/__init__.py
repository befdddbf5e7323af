"""Formatting findings for people and programs, and rendering rule documentation."""
