import os,sys,io
try:import deflate as _Z
except ImportError:_Z=None
try:from time import ticks_ms as _ms,ticks_diff as _td
except ImportError:_ms=None
class _UC:
 def __init__(s,t,u):
  s.t=t;s.u=u;s.i=sys.stdin.buffer;s.o=sys.stdout.buffer;s.h=bytearray(28);s.c={};s.x=0
  try:import select;s.p=select.poll();s.p.register(sys.stdin,1)
  except Exception:s.p=None
 def rx(s,m):
  n=0
  while n<len(m):
   if s.p and not s.p.poll(4000):s.x=1;raise OSError(5)
   k=s.i.readinto(m[n:])
   if not k:raise OSError(5)
   n+=k
 def q(s,op,a,d=None):
  if s.x:raise OSError(5)
  a=a.encode();o=s.o
  o.write(b'\x18'+s.t+bytes((op,))+len(a).to_bytes(2,'little')+a)
  if d is not None:o.write(len(d).to_bytes(4,'little'));o.write(d)
  h=s.h;b=memoryview(h)
  while 1:
   s.rx(b[:1])
   if h[0]==0x18:break
  s.rx(b[:28]);h=bytes(h).decode();e=int(h[:2],16);z=int(h[2:4],16);w=int(h[12:20],16)
  x=bytearray(w);m=memoryview(x);i=0
  while i<w:
   k=min(s.u,w-i);s.rx(m[i:i+k]);i+=k;o.write(b'\x06')
  if e:raise OSError(e)
  if b'\x10' in x:x=bytes(x).replace(b'\x10\x13',b'\x03').replace(b'\x10\x20',b'\x10')
  if z:x=_Z.DeflateIO(io.BytesIO(x),_Z.RAW,z).read()
  return int(h[4:12],16),int(h[20:28],16),x
 def info(s,p):
  d,n=p.rsplit('/',1) if '/' in p else ('',p)
  e=s.c.get(d)
  if e is None or _ms is None or _td(_ms(),e[0])>300:
   t={}
   try:
    for l in s.q(5,d)[2].split(b'\x00'):
     if l:k,z,m=l.split(b' ',2);t[m.decode()]=(k,int(z))
   except OSError:t={}
   e=(_ms() if _ms else 0,t);s.c[d]=e
  return e[1].get(n)
 def drop(s):s.c={}
class _UF(io.IOBase):
 def __init__(s,c,h,n,b,t,w):
  s.c=c;s.h=h;s.n=n;s.b=b;s.o=0;s.p=0;s.t=t;s.w=w;s.x=bytearray()
 def _get(s,n):
  r=bytearray()
  while n and s.p<s.n:
   if not s.o<=s.p<s.o+len(s.b):s.o=s.p;s.b=s.c.q(6,'%d %d'%(s.h,s.p))[2]
   if not s.b:break
   i=s.p-s.o;k=len(s.b)-i
   if 0<n<k:k=n
   r+=memoryview(s.b)[i:i+k];s.p+=k
   if n>0:n-=k
  return r
 def readinto(s,m):
  r=s._get(len(m));m[:len(r)]=r;return len(r)
 def read(s,n=-1):
  r=s._get(n)
  return r.decode() if s.t else bytes(r)
 def readline(s):
  r=bytearray()
  while 1:
   c=s._get(1)
   if not c:break
   r+=c
   if c==b'\n':break
  return r.decode() if s.t else bytes(r)
 def __iter__(s):return s
 def __next__(s):
  l=s.readline()
  if not l:raise StopIteration
  return l
 def write(s,d):
  if not s.w:raise OSError(9)
  if isinstance(d,str):d=d.encode()
  s.x+=d
  if len(s.x)>=4096:s.flush()
  return len(d)
 def flush(s):
  if s.x:s.c.q(7,'%d'%s.h,s.x);s.x=bytearray()
 def seek(s,n,w=0):
  s.p=max(0,n+(s.p if w==1 else s.n if w==2 else 0));return s.p
 def tell(s):return s.p
 def close(s):
  if s.h is not None:
   try:s.flush()
   finally:h=s.h;s.h=None;s.c.q(8,'%d'%h);s.c.drop()
 def ioctl(s,r,a):
  if r==4:s.close()
  elif r==11:return 512
  elif r!=1:return -1
  return 0
 def __enter__(s):return s
 def __exit__(s,*a):s.close()
class _UV:
 def __init__(s,c):s.c=c;s.d=''
 def _a(s,p):
  if not p.startswith('/'):p=s.d+'/'+p
  return p.strip('/')
 def mount(s,r,m):pass
 def umount(s):pass
 def chdir(s,p):
  r=[]
  for x in s._a(p).split('/'):
   if x=='..':
    if r:r.pop()
   elif x and x!='.':r.append(x)
  if r and s.stat('/'+'/'.join(r))[0]!=0x4000:raise OSError(20)
  s.d='/'+'/'.join(r)
 def getcwd(s):return s.d or '/'
 def stat(s,p):
  i=s.c.info(s._a(p)) if s._a(p) else (b'd',0)
  if not i or i[0]==b'p':raise OSError(2)
  return (0x4000 if i[0]==b'd' else 0x8000,0,0,0,0,0,i[1],0,0,0)
 def ilistdir(s,p):
  for l in s.c.q(5,s._a(p))[2].split(b'\x00'):
   k,z,m=l.split(b' ',2) if l else (b'm',0,0)
   if k!=b'm':
    yield (m.decode(),0x4000 if k==b'd' else 0x8000,0,int(z))
 def open(s,p,m):
  v,n,b=s.c.q(2,'%s\x00%s'%(s._a(p),m))
  w='r' not in m or '+' in m
  if w:s.c.drop()
  return _UF(s.c,v,n,b,'b' not in m,w)
 def remove(s,p):s.c.q(9,s._a(p));s.c.drop()
 def rename(s,a,b):s.c.q(10,'%s\x00%s'%(s._a(a),s._a(b)));s.c.drop()
 def mkdir(s,p):s.c.q(11,s._a(p));s.c.drop()
 def rmdir(s,p):s.c.q(12,s._a(p));s.c.drop()
 def statvfs(s,p):return (4096,4096,0,0,0,0,0,0,0,255)
