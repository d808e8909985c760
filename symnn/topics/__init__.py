"""The lecture's mathematics as checked derivations: activations, softmax, losses, descent, perceptron."""
