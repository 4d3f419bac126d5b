"""Renderers: findings and reports → terminal text, JSON, grids."""
