cla  """Doc for B.nit__(&self, there\nnewline"
b2 = b"bytes"
b2 = b""LLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLLL\LLLLLLLLLLLLLBLLLLL
b6 = b"\x00\x01\xff"
t1 = ()
t"LLLLLLL_claLLssL