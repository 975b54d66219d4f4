#@core
import sys
try:import os
except ImportError:import uos as os
def _a(p):return p.lstrip('/') if _F else p
_F=not hasattr(os,'mkdir')
def _k(p):
 try:s=os.stat(p);return ('d',0) if s[0]&0x4000 else ('f',s[6])
 except AttributeError:
  if p in('','/','.'):return ('d',0)
  try:return ('f',os.size(p.lstrip('/')))
  except OSError:return None
 except OSError:return None
def _mv(a,b):
 if os.getcwd()=='/':a=a.lstrip('/') or '/';b=b.lstrip('/') or '/'
 try:os.rename(a,b)
 except OSError:
  k=_k(b)
  if k is None or k[0]=='d':raise
  os.remove(b);os.rename(a,b)
#@list
def _j(p,n):return (p.rstrip('/') or '')+'/'+n if p else n
def _ls(p):
 r=[]
 try:
  for e in os.ilistdir(p):
   n=e[0]
   if e[1]==0x4000:r.append(('d',0,n))
   else:r.append(('f',e[3] if len(e)>3 and e[3]>=0 else _k(_j(p,n))[1],n))
 except AttributeError:
  for n in (os.listdir(p) if p not in('','/') else os.listdir()):
   k=_k(_j(p,n)) or ('f',0);r.append((k[0],k[1],n))
 return r
def _hx(b):
 try:import binascii;return binascii.hexlify(b).decode()
 except ImportError:return ''.join('%02x'%x for x in b)
def _h(p):
 try:import hashlib
 except ImportError:return '-'
 h=hashlib.sha256();b=bytearray(1024)
 with open(p,'rb') as f:
  while 1:
   n=f.readinto(b)
   if not n:break
   h.update(b if n==1024 else b[:n])
 return _hx(h.digest())
def _walk(p,r,x):
 for k,s,n in _ls(p):
  q=_j(p,n);t=_j(r,n) if r else n
  if k=='d':print('d 0 - '+t);_walk(q,t,x)
  else:print('f %d %s %s'%(s,_h(q) if x else '-',t))
def _rm(p):
 k=_k(p)
 if k is None:raise OSError(2)
 if k[0]=='d':
  for t,s,n in _ls(p):_rm(_j(p,n))
  os.rmdir(p)
 else:os.remove(p)
#@op
def _op(o,d=b'',x=b''):
 k=o[0];p=_a(o[1:]);q=_k(p)
 if k=='d':
  if not q:os.mkdir(p)
  elif q[0]!='d':raise OSError(17)
 elif k=='r':os.remove(p)
 elif k=='R':os.rmdir(p)
 else:
  if q and q[0]=='d':raise OSError(21)
  t=p+'.upy~' if hasattr(os,'rename') else p
  try:
   with open(t,'wb') as f:f.write(d)
   try:from hashlib import sha256 as H
   except ImportError:H=0
   if H and x:
    with open(t,'rb') as f:
     if H(f.read()).digest()[:16]!=x:raise ValueError('hash mismatch')
  except:
   if t!=p:
    try:os.remove(t)
    except OSError:pass
   raise
  if t!=p:_mv(t,p)
def _ib(O):
 for o in O:_op(*((o,) if type(o) is str else o));sys.stdout.write('\x17')
#@quick
def _qw(O):
 try:import os
 except ImportError:import uos as os
 from hashlib import sha256
 c=os.getcwd()=='/'
 for p,d,x in O:
  if c:p=p[1:]
  t=p+'.upy~'
  try:
   with open(t,'wb') as f:f.write(d)
   with open(t,'rb') as f:
    if sha256(f.read()).digest()[:16]!=x:raise ValueError('hash mismatch')
   os.rename(t,p)
  except:
   try:os.remove(t)
   except OSError:pass
   try:k=os.stat(p)[0]&0x4000
   except OSError:k=0
   if k:raise OSError(21)
   raise
  print(end='\x17')
#@up
def _rx(B,P,m):
 n=0;L=len(m)
 while n<L:
  if P and not P.poll(2000):raise OSError(110)
  k=B.readinto(m[n:])
  if not k:raise OSError(5)
  n+=k
def _up(O,c):
 import micropython
 B=sys.stdin.buffer;W=sys.stdout.write
 try:import select;P=select.poll();P.register(sys.stdin,1)
 except Exception:P=None
 try:from hashlib import sha256 as H
 except ImportError:H=0
 h=memoryview(bytearray(4));e=None;q=b'';j=0;x=0
 def A():W('\x15' if e else '\x06')
 def R(n):
  nonlocal e,q,j,x
  while j>=len(q):
   if x:return b''
   _rx(B,P,h);A()
   m=h[0]|h[1]<<8|h[2]<<16;z=h[3]
   if z==255 or z and not 7<z<16 or m>33792:e=e or OSError(4);x=1;return b''
   if not m:x=1;return b''
   q=bytearray(m);v=memoryview(q);j=0
   while j<m:k=min(c,m-j);_rx(B,P,v[j:j+k]);j+=k;A()
   if z:import deflate,io;q=deflate.DeflateIO(io.BytesIO(q),deflate.RAW,z).read()
   j=v=0
  r=q[j:j+n];j+=len(r);return r
 micropython.kbd_intr(-1)
 try:
  for o in O:
   if type(o) is str:
    if not e:
     try:_op(o);W('\x17')
     except Exception as y:e=y
    continue
   p=_a(o[0][1:]);n=o[1]+16;t=p+'.upy~' if hasattr(os,'rename') else p;f=0;s=H and H();g=b''
   if not e:
    try:
     k=_k(p)
     if k and k[0]=='d':raise OSError(21)
     f=open(t,'wb')
    except OSError as y:e=y
   while n:
    d=R(n)
    if not d:break
    n-=len(d)
    if n<16:u=max(0,len(d)-16+n);g+=d[u:];d=d[:u]
    if f and not e:
     try:f.write(d);s and s.update(d)
     except OSError as y:e=y
   if n and not e:e=OSError(4)
   if s and not e and s.digest()[:16]!=g:e=ValueError('hash mismatch')
   if f:
    try:
     f.close()
     if not e and t!=p:_mv(t,p)
    except OSError as y:e=e or y
    if e and t!=p:
     try:os.remove(t)
     except OSError:pass
   if not e:W('\x17')
  R(1)
 except BaseException as y:e=e or y
 micropython.kbd_intr(3)
 if e:raise e
#@dn
def _dn(p,c):
 k=_k(p)
 if k is None:raise OSError(2)
 if k[0]=='d':raise OSError(21)
 f=open(p,'rb');b=bytearray(c)
 try:W=sys.stdout.buffer.write;x=0;m=memoryview(b)
 except (AttributeError,NameError):
  try:import binascii;a=binascii.b2a_base64;x=1
  except ImportError:x=2;b=bytearray(32)
 print(k[1],x)
 while 1:
  n=f.readinto(b)
  if not n:break
  if not x:W(m[:n])
  elif x==1:print(a(b[:n]).decode(),end='')
  else:print(''.join('%02x'%v for v in b[:n]))
 f.close()
#@dz
def _dz(p,c):
 k=_k(p)
 if k is None:raise OSError(2)
 if k[0]=='d':raise OSError(21)
 import deflate,io
 x=3 if hasattr(deflate.DeflateIO,'write') else 0
 f=open(p,'rb');b=bytearray(c);m=memoryview(b);W=sys.stdout.buffer.write
 print(k[1],x)
 while 1:
  n=f.readinto(b)
  if not n:break
  if x:
   z=io.BytesIO();d=deflate.DeflateIO(z,deflate.RAW,8);d.write(m[:n]);d.close();v=z.getvalue();L=len(v)
   if L<n:W(bytes((L&255,L>>8,0,8)));W(v)
   else:W(bytes((n&255,n>>8,0,0)));W(m[:n])
  else:W(m[:n])
 if x:W(b'\0\0\0\0')
 f.close()
