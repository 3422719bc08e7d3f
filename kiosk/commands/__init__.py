"""Sub-commands of `kiosk` that register themselves with kiosk.cli: run, the appliance commands, bench and
monkey. One that fails to import loses only its own commands.

May import: anything of the kiosk's.
"""
