// Canned phrases: a click puts the phrase (in the resident's language) into the reply box.
document.querySelectorAll("button.canned-phrase").forEach(function (button) {
  button.addEventListener("click", function () {
    var box = document.getElementById("reply-text");
    box.value = button.dataset.text;
    box.focus();
  });
});
