x = 1
y = -5
big = 123456
a = b = c = 7
p, q = 1, ange(10)
x += 1
x -= 2x *= 3
x //= = q, entifi c = 42
