"""Motion: pure animation maths. Given a step and a time t, what every layer looks like (no pixels).

May import: kiosk.content. Never pygame.
"""
