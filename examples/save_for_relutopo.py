# Save a PyTorch nn.Sequential of nn.Linear layers (and activations) for relutopo:
#   pip install torch safetensors
#   python3 examples/save_for_relutopo.py
#   npx relutopo invariants --net model.safetensors
# relutopo reads every float of the file as the exact rational it is (F64, F32, F16, BF16).
import torch
from safetensors.torch import save_file

model = torch.nn.Sequential(torch.nn.Linear(2, 3), torch.nn.ReLU(), torch.nn.Linear(3, 3), torch.nn.ReLU(), torch.nn.Linear(3, 1))

# The two lines that matter; the activation is not in a state_dict, so name it in the
# metadata (relu when absent; also leaky_relu:<slope>, abs, linear).
save_file(model.state_dict(), "model.safetensors", metadata={"activation": "relu"})
# torch's own format is read too (without running its pickle). A .pt file cannot store the
# activation: name it with --activation (relutopo otherwise assumes relu and says so on stderr):
#   npx relutopo invariants --net model.pt --activation relu
torch.save(model.state_dict(), "model.pt")
# A training checkpoint is read as well: the state_dict under "model" (or "state_dict",
# "model_state_dict", or the entry --key names); the optimizer and the rest are ignored.
#   npx relutopo invariants --net checkpoint.pt --activation relu
torch.save({"model": model.state_dict(), "epoch": 0}, "checkpoint.pt")
