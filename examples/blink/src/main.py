# Blinks the board's LED and prints a counter; edit lib/pattern.py while `upy sync --watch` runs.
import time

from pattern import DELAYS

try:
    from machine import Pin

    led = Pin("LED", Pin.OUT)
except (ImportError, ValueError, TypeError):
    led = None  # no LED (or the simulated board): print only

count = 0
while True:
    for delay in DELAYS:
        if led is not None:
            led.toggle()
        time.sleep(delay)
    count += 1
    print("blink cycle", count)
