"""The staff console: a small web application, run as its own process (`kiosk console`), through which the
front desk manages the kiosk from a browser — clinic details, scenes and their words, pictures, voice,
usage, backups — by editing the same files the kiosk watches, through the same validation.

May import: the content layer (config, library, model, problems, source, validation, words, playlist_file),
the drawing layer's stills (to draw steps), the appliance layer's state, pin, usage, logs and heartbeat, and
kiosk.handouts. Never the app (the screen children use): a fault here cannot reach it.
"""
