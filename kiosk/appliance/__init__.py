"""The appliance: what makes the kiosk a device that runs for months — state folder, logs, the staff PIN,
usage counts, the content watcher, the boot service and `kiosk doctor`.

May import: kiosk.content and kiosk.draw (the doctor checks fonts and art). Never the app.
"""
