"""The screens: attract loop, home menu, scene, FAQ, clinic, PIN pad and staff menu. Each takes commands and
time and draws itself; none reads a clock or the event queue.

May import: kiosk.content, kiosk.motion, kiosk.draw, and kiosk.app's context and input (never the navigator or
the loop: a screen reaches them through the context it is given).
"""
