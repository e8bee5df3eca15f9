# A run in which plain SGD with a large step moves a sign-locked weight across zero, something
# gradient flow can never do. Trains a 1-4-1 relu network on |x| (6 points) with step 0.6 and
# writes examples/sgd-run/step_0.pt … step_4.pt, one checkpoint per step, each the dict a
# training loop commonly saves,
#   torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": step}, path)
# and the data as examples/sgd-run/data.csv. relutopo reads the state_dict from the `model`
# entry and orders the files by the `step` entry:
#   npx relutopo track 'examples/sgd-run/step_*.pt' --activation relu --data examples/sgd-run/data.csv
# Needs torch (the files are shipped; run it only to make them again).
#   python3 examples/sgd_sign_change.py
import os

import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sgd-run")
STEPS, LR = 4, 0.6

# With this seed, hidden neuron 4 starts with c = ‖(w, b)‖² - a² < 0: its outgoing weight
# a = W2[1,4] > 0 is locked (under gradient flow it keeps its sign for ever). The step is large
# enough that the loss first rises; on the way back down a is carried across zero.
torch.manual_seed(209)
model = torch.nn.Sequential(torch.nn.Linear(1, 4), torch.nn.ReLU(), torch.nn.Linear(4, 1))
x = torch.linspace(-1, 1, 6).unsqueeze(1)
y = x.abs()
opt = torch.optim.SGD(model.parameters(), lr=LR)
os.makedirs(OUT, exist_ok=True)
with open(os.path.join(OUT, "data.csv"), "w") as f:
    f.write("x,y\n" + "".join(f"{a.item()!r},{b.item()!r}\n" for a, b in zip(x.double(), y.double())))
for step in range(STEPS + 1):
    torch.save({"model": model.state_dict(), "optimizer": opt.state_dict(), "step": step}, os.path.join(OUT, f"step_{step}.pt"))
    loss = torch.nn.functional.mse_loss(model(x), y)
    opt.zero_grad()
    loss.backward()
    opt.step()
