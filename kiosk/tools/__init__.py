"""Tools for the people who build the kiosk, not the product: `kiosk bench` (speed and memory) and
`kiosk monkey` (a seeded storm of input against the real app).

May import: anything of the kiosk's.
"""
