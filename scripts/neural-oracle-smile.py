"""Held-out SMILE read-out of the exact (oracle) critic log r on a 5+5 Gaussian, rho = 0.5
(0.719 nats): 2500 held-out rows in 3 chunks (as minfo's default evalBatchSize 1024 splits
them), negatives = off-diagonal pairs of a chunk clipped at tau = 5, 20 numpy samples.
Checks that the held-out read-out itself is unbiased at this N (docs/neural.md).
Run: python3 scripts/neural-oracle-smile.py  ->  mean, sd over the 20 samples."""
import numpy as np
rho=0.5; d=5; c=1-rho**2
def logr(x,y): # x: (m,d), y:(k,d) -> (m,k)
    q = (rho**2*(x**2).sum(1)[:,None] - 2*rho*x@y.T + rho**2*(y**2).sum(1)[None,:])/(2*c)
    return -0.5*d*np.log(c) - q
vals=[]
for s in range(20):
    r=np.random.default_rng(s); x=r.normal(size=(2500,d)); y=rho*x+np.sqrt(c)*r.normal(size=(2500,d))
    tot=0
    for k in range(3):
        xs=x[k*833:(k+1)*833] if k<2 else x[1666:]; ys=y[k*833:(k+1)*833] if k<2 else y[1666:]
        M=logr(xs,ys); m=len(xs)
        pos=np.diag(M).mean(); neg=np.clip(M[~np.eye(m,dtype=bool)],-5,5)
        v=pos-np.log(np.exp(neg).mean()); tot+=v*m/2500
    vals.append(tot)
print(np.mean(vals), np.std(vals))
