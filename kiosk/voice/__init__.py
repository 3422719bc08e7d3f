"""Narration: every caption, FAQ answer and tappable part name spoken aloud, with its words lit as they are read.

One job: decide which sound file speaks which words (a clinic's own recording wins over the generated one), know
when each word is spoken, and play it in step with the screen. The build tool (`kiosk voice`) makes the generated
files ahead of time; the kiosk itself only plays files.

May import: kiosk.content (models, library, problems, sources) and pygame's mixer (in `playback` only). Never
motion, draw, appliance or app: the app's screens import this. The build-time modules (`build`, `engine`,
`listen`) import their heavy tools (numpy, soundfile, onnxruntime, kokoro-onnx, faster-whisper) only inside
functions, from the optional `voice` and `listen` extras, so the kiosk never needs them. The command that drives
them is kiosk/commands/voice.py.
"""
