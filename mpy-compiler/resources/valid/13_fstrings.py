name = "world"
n = 3
s1 = f"hello {name}"
s2 = f"{n + 1} items"
s3 = f"{name!r}"
s4 = f"{n:03d}"
s5 = f"{name=}"
s6 = f"plain"
s7 = f"{{literal}}"
print(s1, s2, s3, s4, s5, s6, s7)
