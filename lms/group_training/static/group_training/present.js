// The presentation by keyboard or a presenter's clicker (which sends PageDown/PageUp or the arrows):
// the same links as the buttons, so without JavaScript the buttons still work. Not while typing a count.
document.addEventListener("keydown", (event) => {
  if (event.altKey || event.ctrlKey || event.metaKey || event.target.closest("input, textarea, select")) return;
  const keys = { ArrowRight: "next", PageDown: "next", ArrowLeft: "prev", PageUp: "prev" };
  const link = keys[event.key] && document.querySelector(`[data-key="${keys[event.key]}"]`);
  if (link) {
    event.preventDefault();
    window.location.assign(link.href);
  }
});
