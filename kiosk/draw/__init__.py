"""Drawing: art rasterised and cached, text fitted, the layout of a screen, and the renderer that turns a
player's frame into pixels; stills for `kiosk render`.

May import: kiosk.content, kiosk.motion and pygame's surfaces. Never the display, the app or the appliance.
"""
