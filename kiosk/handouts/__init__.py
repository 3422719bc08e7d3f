"""Take-home handouts: one scene, in one language, as a one- or two-page printable PDF for parents — the step
pictures (drawn by the kiosk's own renderer), the parents' words, the clinic's details and a QR code to the
clinic's page.

May import: the content layer (library, config, words, language, player) and the drawing layer only through a
picture function passed in (so the console can hand it its cached pictures); fpdf2 and segno. Nothing here
imports the app, the console or the appliance layer.
"""
