// Progressive enhancement for the Voice page: record with the microphone (MediaRecorder), listen, and keep
// (the take becomes the form's file, as WAV so the kiosk can play it) or record again. Without this script
// (or without a microphone) the upload field still works.
(function () {
  "use strict";
  if (!window.MediaRecorder || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) { return; }
  var note = document.getElementById("mic-note");
  if (note) { note.hidden = false; }

  function wavFrom(buffer) {
    // Mono 16-bit PCM: small, and every player (pygame included) reads it.
    var rate = buffer.sampleRate, data = buffer.getChannelData(0), n = data.length;
    var out = new DataView(new ArrayBuffer(44 + n * 2));
    function text(at, s) { for (var i = 0; i < s.length; i++) { out.setUint8(at + i, s.charCodeAt(i)); } }
    text(0, "RIFF"); out.setUint32(4, 36 + n * 2, true); text(8, "WAVE"); text(12, "fmt ");
    out.setUint32(16, 16, true); out.setUint16(20, 1, true); out.setUint16(22, 1, true);
    out.setUint32(24, rate, true); out.setUint32(28, rate * 2, true); out.setUint16(32, 2, true);
    out.setUint16(34, 16, true); text(36, "data"); out.setUint32(40, n * 2, true);
    for (var i = 0; i < n; i++) {
      var v = Math.max(-1, Math.min(1, data[i]));
      out.setInt16(44 + i * 2, v < 0 ? v * 0x8000 : v * 0x7fff, true);
    }
    return new Blob([out], { type: "audio/wav" });
  }

  document.querySelectorAll("form.voice").forEach(function (form) {
    var box = form.querySelector(".recorder"), rec = box.querySelector(".record"), stop = box.querySelector(".stop");
    var take = box.querySelector(".take"), status = box.querySelector(".status"), file = form.querySelector("input[type=file]");
    var recorder = null, chunks = [];
    box.hidden = false;
    rec.addEventListener("click", function () {
      navigator.mediaDevices.getUserMedia({ audio: true }).then(function (stream) {
        chunks = [];
        recorder = new MediaRecorder(stream);
        recorder.ondataavailable = function (e) { if (e.data.size) { chunks.push(e.data); } };
        recorder.onstop = function () {
          stream.getTracks().forEach(function (t) { t.stop(); });
          var blob = new Blob(chunks, { type: recorder.mimeType });
          blob.arrayBuffer().then(function (bytes) {
            return new AudioContext().decodeAudioData(bytes);
          }).then(function (decoded) {
            var wav = wavFrom(decoded);
            take.src = URL.createObjectURL(wav);
            take.hidden = false;
            var list = new DataTransfer();
            list.items.add(new File([wav], "recording.wav", { type: "audio/wav" }));
            file.files = list.files;
            status.textContent = "Listen, then Keep it, or Record again.";
            rec.textContent = "● Record again";
          }).catch(function () { status.textContent = "The recording could not be read; try again."; });
        };
        recorder.start();
        rec.disabled = true; stop.disabled = false; status.textContent = "Recording…";
      }).catch(function () { status.textContent = "No microphone (or no permission): upload a file instead."; });
    });
    stop.addEventListener("click", function () {
      if (recorder && recorder.state !== "inactive") { recorder.stop(); }
      rec.disabled = false; stop.disabled = true;
    });
  });
}());
