"""The running kiosk: the main loop (the only owner of the display), touches turned into commands, the navigator
that decides which screen is up, the screens, overlays and sound.

May import: every layer below (content, motion, draw, appliance). Never the tools or the commands.
"""
