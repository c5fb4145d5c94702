"""The domain's rules and words: what an event must pass, what a clerk may type, amounts, decisions, text, and why a command was refused."""
