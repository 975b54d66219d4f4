# mpy-cross-args: -msmall-int-bits=63
a = 1 << 40
b = (1 << 62) - 1
c = 1 << 62
d = -(1 << 62)
e = 2 ** 70
