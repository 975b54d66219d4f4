# f-strings and t-strings are rewritten by the lexer.
x = 1
y = "two"
a = f"{x}"
b = f"x={x} y={y!r} w={x:>10}"
c = f"{x=}"
d = f"{x = :>5}"
e = f"{{literal}} {x}"
f = "plain " f"{x}" " tail"
g = f"{x!s:}{y}"
h = f"""multi
line {x}"""
i = f"{[1, 2][0]}{ {'k': 1}['k'] }"
j = f"{x}" f"{y}"
k = rf"\d{x}"
l = f"{x != 2}"
m = t"hello {x} and {y!r:>5}"
n = t"plain"
o = f"{'a_quite_long_literal'}"
