"""Narration: every caption, FAQ answer and tappable part name spoken aloud, with its words lit as they are read.

One job: decide which sound file speaks which words (a clinic's own recording wins over the generated one), know
when each word is spoken, and play it in step with the screen. The build tool (`kiosk voice`) makes the generated
files ahead of time; the kiosk itself only plays files.

May import: the content layer (kiosk.model, kiosk.library, kiosk.problems, kiosk.language) and pygame's mixer (in
`playback` only). Never the app, screens or drawing code; they import this. The build-time modules (`build`,
`engine`, `listen`) import their heavy tools (numpy, onnxruntime, kokoro-onnx, faster-whisper) only inside
functions, from the optional `voice` extra, so the kiosk never needs them.
"""
