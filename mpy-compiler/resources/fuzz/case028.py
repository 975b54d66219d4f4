d= - -7 % 3
g = 2 ** 101
:    if x =
     x = 1
y =   x
z