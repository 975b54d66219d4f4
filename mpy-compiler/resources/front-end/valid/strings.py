# Which string literals become qstrs and which become str objects.
a = "short"
b = "exactly10!"
c = "eleven byte"
d = "my_long_identifier"
my_long_identifier = 1
e = "my_long_identifier"
f = "__build_class__"
g = "string.templatelib"
h = "strings.py"
i = b"bytes are objects"
j = b"b"
k = "implicit " "concatenation " 'of literals'
l = r"raw \n string"
m = "\x41\u00e9\U0001F600\101\n\t\\"
n = b"\x00\xff\101"
o = """triple
quoted"""
p = "unknown \q escape"
q = "line \
continuation"
r = rb"raw bytes \x00"
