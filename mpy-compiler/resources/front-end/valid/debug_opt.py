# mpy-cross-args: -O1
a = __debug__
b = not __debug__
if __debug__:
    print("debug")
assert a, "message"
