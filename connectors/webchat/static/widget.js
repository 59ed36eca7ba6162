/*! Chiba resident assistant: website chat widget. Built by connectors/webchat/build.sh; do not edit.
 * Includes socket.io-client 4.8.4, under this licence:
 *
 * The MIT License (MIT)
 *
 * Copyright (c) 2014-present Guillermo Rauch and Socket.IO contributors
 *
 * Permission is hereby granted, free of charge, to any person obtaining a copy
 * of this software and associated documentation files (the "Software"), to deal
 * in the Software without restriction, including without limitation the rights
 * to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
 * copies of the Software, and to permit persons to whom the Software is
 * furnished to do so, subject to the following conditions:
 *
 * The above copyright notice and this permission notice shall be included in
 * all copies or substantial portions of the Software.
 *
 * THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
 * IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
 * FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
 * AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
 * LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
 * OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
 * THE SOFTWARE.
 */
(function () {
// socket.io-client's UMD bundle sees a CommonJS module here: it neither sets a global
// `io` nor calls the host page's AMD `define`.
var module = {exports: {}}, exports = module.exports;
/*!
 * Socket.IO v4.8.4
 * (c) 2014-2026 Guillermo Rauch
 * Released under the MIT License.
 */
!function(t,n){"object"==typeof exports&&"undefined"!=typeof module?module.exports=n():"function"==typeof define&&define.amd?define(n):(t="undefined"!=typeof globalThis?globalThis:t||self).io=n()}(this,(function(){"use strict";function t(t,n){(null==n||n>t.length)&&(n=t.length);for(var i=0,r=Array(n);i<n;i++)r[i]=t[i];return r}function n(t,n){for(var i=0;i<n.length;i++){var r=n[i];r.enumerable=r.enumerable||!1,r.configurable=!0,"value"in r&&(r.writable=!0),Object.defineProperty(t,c(r.key),r)}}function i(t,i,r){return i&&n(t.prototype,i),r&&n(t,r),Object.defineProperty(t,"prototype",{writable:!1}),t}function r(t,n){var i="undefined"!=typeof Symbol&&t[Symbol.iterator]||t["@@iterator"];if(!i){if(Array.isArray(t)||(i=v(t))||n&&t&&"number"==typeof t.length){i&&(t=i);var r=0,e=function(){};return{s:e,n:function(){return r>=t.length?{done:!0}:{done:!1,value:t[r++]}},e:function(t){throw t},f:e}}throw new TypeError("Invalid attempt to iterate non-iterable instance.\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.")}var o,s=!0,u=!1;return{s:function(){i=i.call(t)},n:function(){var t=i.next();return s=t.done,t},e:function(t){u=!0,o=t},f:function(){try{s||null==i.return||i.return()}finally{if(u)throw o}}}}function e(){return e=Object.assign?Object.assign.bind():function(t){for(var n=1;n<arguments.length;n++){var i=arguments[n];for(var r in i)({}).hasOwnProperty.call(i,r)&&(t[r]=i[r])}return t},e.apply(null,arguments)}function o(t){return o=Object.setPrototypeOf?Object.getPrototypeOf.bind():function(t){return t.__proto__||Object.getPrototypeOf(t)},o(t)}function s(t,n){t.prototype=Object.create(n.prototype),t.prototype.constructor=t,h(t,n)}function u(){try{var t=!Boolean.prototype.valueOf.call(Reflect.construct(Boolean,[],(function(){})))}catch(t){}return(u=function(){return!!t})()}function h(t,n){return h=Object.setPrototypeOf?Object.setPrototypeOf.bind():function(t,n){return t.__proto__=n,t},h(t,n)}function f(n){return function(n){if(Array.isArray(n))return t(n)}(n)||function(t){if("undefined"!=typeof Symbol&&null!=t[Symbol.iterator]||null!=t["@@iterator"])return Array.from(t)}(n)||v(n)||function(){throw new TypeError("Invalid attempt to spread non-iterable instance.\nIn order to be iterable, non-array objects must have a [Symbol.iterator]() method.")}()}function c(t){var n=function(t,n){if("object"!=typeof t||!t)return t;var i=t[Symbol.toPrimitive];if(void 0!==i){var r=i.call(t,n||"default");if("object"!=typeof r)return r;throw new TypeError("@@toPrimitive must return a primitive value.")}return("string"===n?String:Number)(t)}(t,"string");return"symbol"==typeof n?n:n+""}function a(t){return a="function"==typeof Symbol&&"symbol"==typeof Symbol.iterator?function(t){return typeof t}:function(t){return t&&"function"==typeof Symbol&&t.constructor===Symbol&&t!==Symbol.prototype?"symbol":typeof t},a(t)}function v(n,i){if(n){if("string"==typeof n)return t(n,i);var r={}.toString.call(n).slice(8,-1);return"Object"===r&&n.constructor&&(r=n.constructor.name),"Map"===r||"Set"===r?Array.from(n):"Arguments"===r||/^(?:Ui|I)nt(?:8|16|32)(?:Clamped)?Array$/.test(r)?t(n,i):void 0}}function l(t){var n="function"==typeof Map?new Map:void 0;return l=function(t){if(null===t||!function(t){try{return-1!==Function.toString.call(t).indexOf("[native code]")}catch(n){return"function"==typeof t}}(t))return t;if("function"!=typeof t)throw new TypeError("Super expression must either be null or a function");if(void 0!==n){if(n.has(t))return n.get(t);n.set(t,i)}function i(){return function(t,n,i){if(u())return Reflect.construct.apply(null,arguments);var r=[null];r.push.apply(r,n);var e=new(t.bind.apply(t,r));return i&&h(e,i.prototype),e}(t,arguments,o(this).constructor)}return i.prototype=Object.create(t.prototype,{constructor:{value:i,enumerable:!1,writable:!0,configurable:!0}}),h(i,t)},l(t)}var p=Object.create(null);p.open="0",p.close="1",p.ping="2",p.pong="3",p.message="4",p.upgrade="5",p.noop="6";var d=Object.create(null);Object.keys(p).forEach((function(t){d[p[t]]=t}));var y,b={type:"error",data:"parser error"},w="function"==typeof Blob||"undefined"!=typeof Blob&&"[object BlobConstructor]"===Object.prototype.toString.call(Blob),g="function"==typeof ArrayBuffer,m=function(t){return"function"==typeof ArrayBuffer.isView?ArrayBuffer.isView(t):t&&t.buffer instanceof ArrayBuffer},k=function(t,n,i){var r=t.type,e=t.data;return w&&e instanceof Blob?n?i(e):A(e,i):g&&(e instanceof ArrayBuffer||m(e))?n?i(e):A(new Blob([e]),i):i(p[r]+(e||""))},A=function(t,n){var i=new FileReader;return i.onload=function(){var t=i.result.split(",")[1];n("b"+(t||""))},i.readAsDataURL(t)};function E(t){return t instanceof Uint8Array?t:t instanceof ArrayBuffer?new Uint8Array(t):new Uint8Array(t.buffer,t.byteOffset,t.byteLength)}for(var j="ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/",O="undefined"==typeof Uint8Array?[]:new Uint8Array(256),B=0;B<64;B++)O[j.charCodeAt(B)]=B;var S,N="function"==typeof ArrayBuffer,T=function(t,n){if("string"!=typeof t)return{type:"message",data:U(t,n)};var i=t.charAt(0);return"b"===i?{type:"message",data:C(t.substring(1),n)}:d[i]?t.length>1?{type:d[i],data:t.substring(1)}:{type:d[i]}:b},C=function(t,n){if(N){var i=function(t){var n,i,r,e,o,s=.75*t.length,u=t.length,h=0;"="===t[t.length-1]&&(s--,"="===t[t.length-2]&&s--);var f=new ArrayBuffer(s),c=new Uint8Array(f);for(n=0;n<u;n+=4)i=O[t.charCodeAt(n)],r=O[t.charCodeAt(n+1)],e=O[t.charCodeAt(n+2)],o=O[t.charCodeAt(n+3)],c[h++]=i<<2|r>>4,c[h++]=(15&r)<<4|e>>2,c[h++]=(3&e)<<6|63&o;return f}(t);return U(i,n)}return{base64:!0,data:t}},U=function(t,n){return"blob"===n?t instanceof Blob?t:new Blob([t]):t instanceof ArrayBuffer?t:t.buffer},M=String.fromCharCode(30);function I(){return new TransformStream({transform:function(t,n){!function(t,n){w&&t.data instanceof Blob?t.data.arrayBuffer().then(E).then(n):g&&(t.data instanceof ArrayBuffer||m(t.data))?n(E(t.data)):k(t,!1,(function(t){y||(y=new TextEncoder),n(y.encode(t))}))}(t,(function(i){var r,e=i.length;if(e<126)r=new Uint8Array(1),new DataView(r.buffer).setUint8(0,e);else if(e<65536){r=new Uint8Array(3);var o=new DataView(r.buffer);o.setUint8(0,126),o.setUint16(1,e)}else{r=new Uint8Array(9);var s=new DataView(r.buffer);s.setUint8(0,127),s.setBigUint64(1,BigInt(e))}t.data&&"string"!=typeof t.data&&(r[0]|=128),n.enqueue(r),n.enqueue(i)}))}})}function x(t){return t.reduce((function(t,n){return t+n.length}),0)}function R(t,n){if(t[0].length===n)return t.shift();for(var i=new Uint8Array(n),r=0,e=0;e<n;e++)i[e]=t[0][r++],r===t[0].length&&(t.shift(),r=0);return t.length&&r<t[0].length&&(t[0]=t[0].slice(r)),i}function L(t){if(t)return function(t){for(var n in L.prototype)t[n]=L.prototype[n];return t}(t)}L.prototype.on=L.prototype.addEventListener=function(t,n){return this.t=this.t||{},(this.t["$"+t]=this.t["$"+t]||[]).push(n),this},L.prototype.once=function(t,n){function i(){this.off(t,i),n.apply(this,arguments)}return i.fn=n,this.on(t,i),this},L.prototype.off=L.prototype.removeListener=L.prototype.removeAllListeners=L.prototype.removeEventListener=function(t,n){if(this.t=this.t||{},0==arguments.length)return this.t={},this;var i,r=this.t["$"+t];if(!r)return this;if(1==arguments.length)return delete this.t["$"+t],this;for(var e=0;e<r.length;e++)if((i=r[e])===n||i.fn===n){r.splice(e,1);break}return 0===r.length&&delete this.t["$"+t],this},L.prototype.emit=function(t){this.t=this.t||{};for(var n=new Array(arguments.length-1),i=this.t["$"+t],r=1;r<arguments.length;r++)n[r-1]=arguments[r];if(i){r=0;for(var e=(i=i.slice(0)).length;r<e;++r)i[r].apply(this,n)}return this},L.prototype.emitReserved=L.prototype.emit,L.prototype.listeners=function(t){return this.t=this.t||{},this.t["$"+t]||[]},L.prototype.hasListeners=function(t){return!!this.listeners(t).length};var _="function"==typeof Promise&&"function"==typeof Promise.resolve?function(t){return Promise.resolve().then(t)}:function(t,n){return n(t,0)},D="undefined"!=typeof self?self:"undefined"!=typeof window?window:Function("return this")();function P(t){for(var n=arguments.length,i=new Array(n>1?n-1:0),r=1;r<n;r++)i[r-1]=arguments[r];return i.reduce((function(n,i){return t.hasOwnProperty(i)&&(n[i]=t[i]),n}),{})}var $=D.setTimeout,F=D.clearTimeout;function V(t,n){n.useNativeTimers?(t.setTimeoutFn=$.bind(D),t.clearTimeoutFn=F.bind(D)):(t.setTimeoutFn=D.setTimeout.bind(D),t.clearTimeoutFn=D.clearTimeout.bind(D))}function q(){return Date.now().toString(36).substring(3)+Math.random().toString(36).substring(2,5)}var X=function(t){function n(n,i,r){var e;return(e=t.call(this,n)||this).description=i,e.context=r,e.type="TransportError",e}return s(n,t),n}(l(Error)),H=function(t){function n(n){var i;return(i=t.call(this)||this).writable=!1,V(i,n),i.opts=n,i.query=n.query,i.socket=n.socket,i.supportsBinary=!n.forceBase64,i}s(n,t);var i=n.prototype;return i.onError=function(n,i,r){return t.prototype.emitReserved.call(this,"error",new X(n,i,r)),this},i.open=function(){return this.readyState="opening",this.doOpen(),this},i.close=function(){return"opening"!==this.readyState&&"open"!==this.readyState||(this.doClose(),this.onClose()),this},i.send=function(t){"open"===this.readyState&&this.write(t)},i.onOpen=function(){this.readyState="open",this.writable=!0,t.prototype.emitReserved.call(this,"open")},i.onData=function(t){var n=T(t,this.socket.binaryType);this.onPacket(n)},i.onPacket=function(n){t.prototype.emitReserved.call(this,"packet",n)},i.onClose=function(n){this.readyState="closed",t.prototype.emitReserved.call(this,"close",n)},i.pause=function(t){},i.createUri=function(t){var n=arguments.length>1&&void 0!==arguments[1]?arguments[1]:{};return t+"://"+this.i()+this.o()+this.opts.path+this.u(n)},i.i=function(){var t=this.opts.hostname;return-1===t.indexOf(":")?t:"["+t+"]"},i.o=function(){return this.opts.port&&(this.opts.secure&&443!==Number(this.opts.port)||!this.opts.secure&&80!==Number(this.opts.port))?":"+this.opts.port:""},i.u=function(t){var n=function(t){var n="";for(var i in t)t.hasOwnProperty(i)&&(n.length&&(n+="&"),n+=encodeURIComponent(i)+"="+encodeURIComponent(t[i]));return n}(t);return n.length?"?"+n:""},n}(L),z=function(t){function n(){var n;return(n=t.apply(this,arguments)||this).h=!1,n}s(n,t);var r=n.prototype;return r.doOpen=function(){this.v()},r.pause=function(t){var n=this;this.readyState="pausing";var i=function(){n.readyState="paused",t()};if(this.h||!this.writable){var r=0;this.h&&(r++,this.once("pollComplete",(function(){--r||i()}))),this.writable||(r++,this.once("drain",(function(){--r||i()})))}else i()},r.v=function(){this.h=!0,this.doPoll(),this.emitReserved("poll")},r.onData=function(t){var n=this;(function(t,n){for(var i=t.split(M),r=[],e=0;e<i.length;e++){var o=T(i[e],n);if(r.push(o),"error"===o.type)break}return r})(t,this.socket.binaryType).forEach((function(t){if("opening"===n.readyState&&"open"===t.type&&n.onOpen(),"close"===t.type)return n.onClose({description:"transport closed by the server"}),!1;n.onPacket(t)})),"closed"!==this.readyState&&(this.h=!1,this.emitReserved("pollComplete"),"open"===this.readyState&&this.v())},r.doClose=function(){var t=this,n=function(){t.write([{type:"close"}])};"open"===this.readyState?n():this.once("open",n)},r.write=function(t){var n=this;this.writable=!1,function(t,n){var i=t.length,r=new Array(i),e=0;t.forEach((function(t,o){k(t,!1,(function(t){r[o]=t,++e===i&&n(r.join(M))}))}))}(t,(function(t){n.doWrite(t,(function(){n.writable=!0,n.emitReserved("drain")}))}))},r.uri=function(){var t=this.opts.secure?"https":"http",n=this.query||{};return!1!==this.opts.timestampRequests&&(n[this.opts.timestampParam]=q()),this.supportsBinary||n.sid||(n.b64=1),this.createUri(t,n)},i(n,[{key:"name",get:function(){return"polling"}}])}(H),J=!1;try{J="undefined"!=typeof XMLHttpRequest&&"withCredentials"in new XMLHttpRequest}catch(t){}var K=J;function Y(){}var G=function(t){function n(n){var i;if(i=t.call(this,n)||this,"undefined"!=typeof location){var r="https:"===location.protocol,e=location.port;e||(e=r?"443":"80"),i.xd="undefined"!=typeof location&&n.hostname!==location.hostname||e!==n.port}return i}s(n,t);var i=n.prototype;return i.doWrite=function(t,n){var i=this,r=this.request({method:"POST",data:t});r.on("success",n),r.on("error",(function(t,n){i.onError("xhr post error",t,n)}))},i.doPoll=function(){var t=this,n=this.request();n.on("data",this.onData.bind(this)),n.on("error",(function(n,i){t.onError("xhr poll error",n,i)})),this.pollXhr=n},n}(z),Q=function(t){function n(n,i,r){var e;return(e=t.call(this)||this).createRequest=n,V(e,r),e.l=r,e.p=r.method||"GET",e.m=i,e.k=void 0!==r.data?r.data:null,e.A(),e}s(n,t);var i=n.prototype;return i.A=function(){var t,i=this,r=P(this.l,"agent","pfx","key","passphrase","cert","ca","ciphers","rejectUnauthorized","autoUnref");r.xdomain=!!this.l.xd;var e=this.j=this.createRequest(r);try{e.open(this.p,this.m,!0);try{if(this.l.extraHeaders)for(var o in e.setDisableHeaderCheck&&e.setDisableHeaderCheck(!0),this.l.extraHeaders)this.l.extraHeaders.hasOwnProperty(o)&&e.setRequestHeader(o,this.l.extraHeaders[o])}catch(t){}if("POST"===this.p)try{e.setRequestHeader("Content-type","text/plain;charset=UTF-8")}catch(t){}try{e.setRequestHeader("Accept","*/*")}catch(t){}null===(t=this.l.cookieJar)||void 0===t||t.addCookies(e),"withCredentials"in e&&(e.withCredentials=this.l.withCredentials),this.l.requestTimeout&&(e.timeout=this.l.requestTimeout),e.onreadystatechange=function(){var t;3===e.readyState&&(null===(t=i.l.cookieJar)||void 0===t||t.parseCookies(e.getResponseHeader("set-cookie"))),4===e.readyState&&(200===e.status||1223===e.status?i.O():i.setTimeoutFn((function(){i.B("number"==typeof e.status?e.status:0)}),0))},e.send(this.k)}catch(t){return void this.setTimeoutFn((function(){i.B(t)}),0)}"undefined"!=typeof document&&(this.S=n.requestsCount++,n.requests[this.S]=this)},i.B=function(t){this.emitReserved("error",t,this.j),this.N(!0)},i.N=function(t){if(void 0!==this.j&&null!==this.j){if(this.j.onreadystatechange=Y,t)try{this.j.abort()}catch(t){}"undefined"!=typeof document&&delete n.requests[this.S],this.j=null}},i.O=function(){var t=this.j.responseText;null!==t&&(this.emitReserved("data",t),this.emitReserved("success"),this.N())},i.abort=function(){this.N()},n}(L);if(Q.requestsCount=0,Q.requests={},"undefined"!=typeof document)if("function"==typeof attachEvent)attachEvent("onunload",W);else if("function"==typeof addEventListener){addEventListener("onpagehide"in D?"pagehide":"unload",W,!1)}function W(){for(var t in Q.requests)Q.requests.hasOwnProperty(t)&&Q.requests[t].abort()}var Z,tt=(Z=it({xdomain:!1}))&&null!==Z.responseType,nt=function(t){function n(n){var i;i=t.call(this,n)||this;var r=n&&n.forceBase64;return i.supportsBinary=tt&&!r,i}return s(n,t),n.prototype.request=function(){var t=arguments.length>0&&void 0!==arguments[0]?arguments[0]:{};return e(t,{xd:this.xd},this.opts),new Q(it,this.uri(),t)},n}(G);function it(t){var n=t.xdomain;try{if("undefined"!=typeof XMLHttpRequest&&(!n||K))return new XMLHttpRequest}catch(t){}if(!n)try{return new(D[["Active"].concat("Object").join("X")])("Microsoft.XMLHTTP")}catch(t){}}var rt="undefined"!=typeof navigator&&"string"==typeof navigator.product&&"reactnative"===navigator.product.toLowerCase(),et=function(t){function n(){return t.apply(this,arguments)||this}s(n,t);var r=n.prototype;return r.doOpen=function(){var t=this.uri(),n=this.opts.protocols,i=rt?{}:P(this.opts,"agent","perMessageDeflate","pfx","key","passphrase","cert","ca","ciphers","rejectUnauthorized","localAddress","protocolVersion","origin","maxPayload","family","checkServerIdentity");this.opts.extraHeaders&&(i.headers=this.opts.extraHeaders);try{this.ws=this.createSocket(t,n,i)}catch(t){return this.emitReserved("error",t)}this.ws.binaryType=this.socket.binaryType,this.addEventListeners()},r.addEventListeners=function(){var t=this;this.ws.onopen=function(){t.opts.autoUnref&&t.ws.T.unref(),t.onOpen()},this.ws.onclose=function(n){return t.onClose({description:"websocket connection closed",context:n})},this.ws.onmessage=function(n){return t.onData(n.data)},this.ws.onerror=function(n){return t.onError("websocket error",n)}},r.write=function(t){var n=this;this.writable=!1;for(var i=function(){var i=t[r],e=r===t.length-1;k(i,n.supportsBinary,(function(t){try{n.doWrite(i,t)}catch(t){}e&&_((function(){n.writable=!0,n.emitReserved("drain")}),n.setTimeoutFn)}))},r=0;r<t.length;r++)i()},r.doClose=function(){void 0!==this.ws&&(this.ws.onerror=function(){},this.ws.close(),this.ws=null)},r.uri=function(){var t=this.opts.secure?"wss":"ws",n=this.query||{};return this.opts.timestampRequests&&(n[this.opts.timestampParam]=q()),this.supportsBinary||(n.b64=1),this.createUri(t,n)},i(n,[{key:"name",get:function(){return"websocket"}}])}(H),ot=D.WebSocket||D.MozWebSocket,st=function(t){function n(){return t.apply(this,arguments)||this}s(n,t);var i=n.prototype;return i.createSocket=function(t,n,i){return rt?new ot(t,n,i):n?new ot(t,n):new ot(t)},i.doWrite=function(t,n){this.ws.send(n)},n}(et),ut=function(t){function n(){return t.apply(this,arguments)||this}s(n,t);var r=n.prototype;return r.doOpen=function(){var t=this;try{this.C=new WebTransport(this.createUri("https"),this.opts.transportOptions[this.name])}catch(t){return this.emitReserved("error",t)}this.C.closed.then((function(){t.onClose()})).catch((function(n){t.onError("webtransport error",n)})),this.C.ready.then((function(){t.C.createBidirectionalStream().then((function(n){var i=function(t,n){S||(S=new TextDecoder);var i=[],r=0,e=-1,o=!1;return new TransformStream({transform:function(s,u){for(i.push(s);;){if(0===r){if(x(i)<1)break;var h=R(i,1);o=!(128&~h[0]),e=127&h[0],r=e<126?3:126===e?1:2}else if(1===r){if(x(i)<2)break;var f=R(i,2);e=new DataView(f.buffer,f.byteOffset,f.length).getUint16(0),r=3}else if(2===r){if(x(i)<8)break;var c=R(i,8),a=new DataView(c.buffer,c.byteOffset,c.length),v=a.getUint32(0);if(v>Math.pow(2,21)-1){u.enqueue(b);break}e=v*Math.pow(2,32)+a.getUint32(4),r=3}else{if(x(i)<e)break;var l=R(i,e);u.enqueue(T(o?l:S.decode(l),n)),r=0}if(0===e||e>t){u.enqueue(b);break}}}})}(Number.MAX_SAFE_INTEGER,t.socket.binaryType),r=n.readable.pipeThrough(i).getReader(),e=I();e.readable.pipeTo(n.writable),t.U=e.writable.getWriter();!function n(){r.read().then((function(i){var r=i.done,e=i.value;r||(t.onPacket(e),n())})).catch((function(t){}))}();var o={type:"open"};t.query.sid&&(o.data='{"sid":"'.concat(t.query.sid,'"}')),t.U.write(o).then((function(){return t.onOpen()}))}))}))},r.write=function(t){var n=this;this.writable=!1;for(var i=function(){var i=t[r],e=r===t.length-1;n.U.write(i).then((function(){e&&_((function(){n.writable=!0,n.emitReserved("drain")}),n.setTimeoutFn)}))},r=0;r<t.length;r++)i()},r.doClose=function(){var t;null===(t=this.C)||void 0===t||t.close()},i(n,[{key:"name",get:function(){return"webtransport"}}])}(H),ht={websocket:st,webtransport:ut,polling:nt},ft=/^(?:(?![^:@\/?#]+:[^:@\/]*@)(http|https|ws|wss):\/\/)?((?:(([^:@\/?#]*)(?::([^:@\/?#]*))?)?@)?((?:[a-f0-9]{0,4}:){2,7}[a-f0-9]{0,4}|[^:\/?#]*)(?::(\d*))?)(((\/(?:[^?#](?![^?#\/]*\.[^?#\/.]+(?:[?#]|$)))*\/?)?([^?#\/]*))(?:\?([^#]*))?(?:#(.*))?)/,ct=["source","protocol","authority","userInfo","user","password","host","port","relative","path","directory","file","query","anchor"];function at(t){if(t.length>8e3)throw"URI too long";var n=t,i=t.indexOf("["),r=t.indexOf("]");-1!=i&&-1!=r&&(t=t.substring(0,i)+t.substring(i,r).replace(/:/g,";")+t.substring(r,t.length));for(var e,o,s=ft.exec(t||""),u={},h=14;h--;)u[ct[h]]=s[h]||"";return-1!=i&&-1!=r&&(u.source=n,u.host=u.host.substring(1,u.host.length-1).replace(/;/g,":"),u.authority=u.authority.replace("[","").replace("]","").replace(/;/g,":"),u.ipv6uri=!0),u.pathNames=function(t,n){var i=/\/{2,9}/g,r=n.replace(i,"/").split("/");"/"!=n.slice(0,1)&&0!==n.length||r.splice(0,1);"/"==n.slice(-1)&&r.splice(r.length-1,1);return r}(0,u.path),u.queryKey=(e=u.query,o={},e.replace(/(?:^|&)([^&=]*)=?([^&]*)/g,(function(t,n,i){n&&(o[n]=i)})),o),u}var vt="function"==typeof addEventListener&&"function"==typeof removeEventListener,lt=[];vt&&addEventListener("offline",(function(){lt.forEach((function(t){return t()}))}),!1);var pt=function(t){function n(n){var i,r,o,s=arguments.length>1&&void 0!==arguments[1]?arguments[1]:{};if((i=t.call(this)||this).binaryType="arraybuffer",i.writeBuffer=[],i.M=0,i.I=[],i.R=-1,i.L=-1,i._=-1,i.D=1/0,n&&"object"===a(n)&&(s=n,n=null),n){var u=at(n);s.hostname=u.host,s.secure="https"===u.protocol||"wss"===u.protocol,s.port=u.port,u.query&&(s.query=u.query)}else s.host&&(s.hostname=at(s.host).host);if(V(i,s),i.secure=null!=s.secure?s.secure:"undefined"!=typeof location&&"https:"===location.protocol,s.hostname&&!s.port&&(s.port=i.secure?"443":"80"),i.hostname=s.hostname||("undefined"!=typeof location?location.hostname:"localhost"),i.port=s.port||("undefined"!=typeof location&&location.port?location.port:i.secure?"443":"80"),s.transportImplementations&&s.transports)throw new Error("specifying both 'transportImplementations' and 'transports' options is not supported");return s.transportImplementations||(null===(r=s.transports)||void 0===r?void 0:r.length)&&"function"==typeof s.transports[0]?(i.transports=[],i.P=Object.create(null),(null!==(o=s.transportImplementations)&&void 0!==o?o:s.transports).forEach((function(t){var n=t.prototype.name;i.transports.push(n),i.P[n]=t}))):(i.transports=s.transports?f(s.transports):["polling","websocket","webtransport"],i.P=ht),i.opts=e({path:"/engine.io",agent:!1,withCredentials:!1,upgrade:!0,timestampParam:"t",rememberUpgrade:!1,addTrailingSlash:!0,rejectUnauthorized:!0,perMessageDeflate:{threshold:1024},transportOptions:{},closeOnBeforeunload:!1},s),i.opts.path=i.opts.path.replace(/\/$/,"")+(i.opts.addTrailingSlash?"/":""),"string"==typeof i.opts.query&&(i.opts.query=function(t){for(var n={},i=t.split("&"),r=0,e=i.length;r<e;r++){var o=i[r].split("=");n[decodeURIComponent(o[0])]=decodeURIComponent(o[1])}return n}(i.opts.query)),vt&&(i.opts.closeOnBeforeunload&&(i.$=function(){i.transport&&(i.transport.removeAllListeners(),i.transport.close())},addEventListener("beforeunload",i.$,!1)),"localhost"!==i.hostname&&(i.F=function(){i.V("transport close",{description:"network connection lost"})},lt.push(i.F))),i.opts.withCredentials&&(i.q=void 0),i.X(),i}s(n,t);var i=n.prototype;return i.createTransport=function(t){var n=e({},this.opts.query);n.EIO=4,n.transport=t,this.id&&(n.sid=this.id);var i=e({},this.opts,{query:n,socket:this,hostname:this.hostname,secure:this.secure,port:this.port},this.opts.transportOptions[t]);return new this.P[t](i)},i.X=function(){var t=this;if(0!==this.transports.length){var i=this.opts.rememberUpgrade&&n.priorWebsocketSuccess&&-1!==this.transports.indexOf("websocket")?"websocket":this.transports[0];this.readyState="opening";var r=this.createTransport(i);r.open(),this.setTransport(r)}else this.setTimeoutFn((function(){t.emitReserved("error","No transports available")}),0)},i.setTransport=function(t){var n=this;this.transport&&this.transport.removeAllListeners(),this.transport=t,t.on("drain",this.H.bind(this)).on("packet",this.J.bind(this)).on("error",this.B.bind(this)).on("close",(function(t){return n.V("transport close",t)}))},i.K=function(t){var i=this,r=this.createTransport(t),e=!1;n.priorWebsocketSuccess=!1;var o=function(){e||(r.send([{type:"ping",data:"probe"}]),r.once("packet",(function(t){if(!e)if("pong"===t.type&&"probe"===t.data){if(i.upgrading=!0,i.emitReserved("upgrading",r),!r)return;n.priorWebsocketSuccess="websocket"===r.name,i.transport.pause((function(){e||"closed"!==i.readyState&&(a(),i.setTransport(r),r.send([{type:"upgrade"}]),i.emitReserved("upgrade",r),r=null,i.upgrading=!1,i.flush())}))}else{var o=new Error("probe error");o.transport=r.name,i.emitReserved("upgradeError",o)}})))};function s(){e||(e=!0,a(),r.close(),r=null)}var u=function(t){var n=new Error("probe error: "+t);n.transport=r.name,s(),i.emitReserved("upgradeError",n)};function h(){u("transport closed")}function f(){u("socket closed")}function c(t){r&&t.name!==r.name&&s()}var a=function(){r.removeListener("open",o),r.removeListener("error",u),r.removeListener("close",h),i.off("close",f),i.off("upgrading",c)};r.once("open",o),r.once("error",u),r.once("close",h),this.once("close",f),this.once("upgrading",c),-1!==this.I.indexOf("webtransport")&&"webtransport"!==t?this.setTimeoutFn((function(){e||r.open()}),200):r.open()},i.onOpen=function(){if(this.readyState="open",n.priorWebsocketSuccess="websocket"===this.transport.name,this.emitReserved("open"),this.flush(),"open"===this.readyState&&this.opts.upgrade)for(var t=0;t<this.I.length;t++)this.K(this.I[t])},i.J=function(t){if("opening"===this.readyState||"open"===this.readyState||"closing"===this.readyState)switch(this.emitReserved("packet",t),this.emitReserved("heartbeat"),t.type){case"open":this.onHandshake(JSON.parse(t.data));break;case"ping":this.Y("pong"),this.emitReserved("ping"),this.emitReserved("pong"),this.G();break;case"error":var n=new Error("server error");n.code=t.data,this.B(n);break;case"message":this.emitReserved("data",t.data),this.emitReserved("message",t.data)}},i.onHandshake=function(t){this.emitReserved("handshake",t),this.id=t.sid,this.transport.query.sid=t.sid,this.I=this.W(t.upgrades),this.R=t.pingInterval,this.L=t.pingTimeout,this._=t.maxPayload,this.onOpen(),"closed"!==this.readyState&&this.G()},i.G=function(){var t=this;this.clearTimeoutFn(this.Z);var n=this.R+this.L;this.D=Date.now()+n,this.Z=this.setTimeoutFn((function(){t.V("ping timeout")}),n),this.opts.autoUnref&&this.Z.unref()},i.H=function(){this.writeBuffer.splice(0,this.M),this.M=0,0===this.writeBuffer.length?this.emitReserved("drain"):this.flush()},i.flush=function(){if("closed"!==this.readyState&&this.transport.writable&&!this.upgrading&&this.writeBuffer.length){var t=this.tt();this.transport.send(t),this.M=t.length,this.emitReserved("flush")}},i.tt=function(){if(!(this._&&"polling"===this.transport.name&&this.writeBuffer.length>1))return this.writeBuffer;for(var t,n=1,i=0;i<this.writeBuffer.length;i++){var r=this.writeBuffer[i].data;if(r&&(n+="string"==typeof(t=r)?function(t){for(var n=0,i=0,r=0,e=t.length;r<e;r++)(n=t.charCodeAt(r))<128?i+=1:n<2048?i+=2:n<55296||n>=57344?i+=3:(r++,i+=4);return i}(t):Math.ceil(1.33*(t.byteLength||t.size))),i>0&&n>this._)return this.writeBuffer.slice(0,i);n+=2}return this.writeBuffer},i.nt=function(){var t=this;if(!this.D)return!0;var n=Date.now()>this.D;return n&&(this.D=0,_((function(){t.V("ping timeout")}),this.setTimeoutFn)),n},i.write=function(t,n,i){return this.Y("message",t,n,i),this},i.send=function(t,n,i){return this.Y("message",t,n,i),this},i.Y=function(t,n,i,r){if("function"==typeof n&&(r=n,n=void 0),"function"==typeof i&&(r=i,i=null),"closing"!==this.readyState&&"closed"!==this.readyState){(i=i||{}).compress=!1!==i.compress;var e={type:t,data:n,options:i};this.emitReserved("packetCreate",e),this.writeBuffer.push(e),r&&this.once("flush",r),this.flush()}},i.close=function(){var t=this,n=function(){t.V("forced close"),t.transport.close()},i=function i(){t.off("upgrade",i),t.off("upgradeError",i),n()},r=function(){t.once("upgrade",i),t.once("upgradeError",i)};return"opening"!==this.readyState&&"open"!==this.readyState||(this.readyState="closing",this.writeBuffer.length?this.once("drain",(function(){t.upgrading?r():n()})):this.upgrading?r():n()),this},i.B=function(t){if(n.priorWebsocketSuccess=!1,this.opts.tryAllTransports&&this.transports.length>1&&"opening"===this.readyState)return this.transports.shift(),this.X();this.emitReserved("error",t),this.V("transport error",t)},i.V=function(t,n){if("opening"===this.readyState||"open"===this.readyState||"closing"===this.readyState){if(this.clearTimeoutFn(this.Z),this.transport.removeAllListeners("close"),this.transport.close(),this.transport.removeAllListeners(),vt&&(this.$&&removeEventListener("beforeunload",this.$,!1),this.F)){var i=lt.indexOf(this.F);-1!==i&&lt.splice(i,1)}this.readyState="closed",this.id=null,this.emitReserved("close",t,n),this.writeBuffer=[],this.M=0}},i.W=function(t){for(var n=[],i=0;i<t.length;i++)~this.transports.indexOf(t[i])&&n.push(t[i]);return n},n}(L);pt.protocol=4,pt.protocol;var dt="function"==typeof ArrayBuffer,yt=function(t){return"function"==typeof ArrayBuffer.isView?ArrayBuffer.isView(t):t.buffer instanceof ArrayBuffer},bt=Object.prototype.toString,wt="function"==typeof Blob||"undefined"!=typeof Blob&&"[object BlobConstructor]"===bt.call(Blob),gt="function"==typeof File||"undefined"!=typeof File&&"[object FileConstructor]"===bt.call(File);function mt(t){return dt&&(t instanceof ArrayBuffer||yt(t))||wt&&t instanceof Blob||gt&&t instanceof File}function kt(t,n){if(!t||"object"!==a(t))return!1;if(Array.isArray(t)){for(var i=0,r=t.length;i<r;i++)if(kt(t[i]))return!0;return!1}if(mt(t))return!0;if(t.toJSON&&"function"==typeof t.toJSON&&1===arguments.length)return kt(t.toJSON(),!0);for(var e in t)if(Object.prototype.hasOwnProperty.call(t,e)&&kt(t[e]))return!0;return!1}function At(t){var n=[],i=t.data,r=t;return r.data=Et(i,n),r.attachments=n.length,{packet:r,buffers:n}}function Et(t,n,i){if(!t)return t;if(mt(t)){var r={_placeholder:!0,num:n.length};return n.push(t),r}if(Array.isArray(t)){for(var e=new Array(t.length),o=0;o<t.length;o++)e[o]=Et(t[o],n);return e}if("object"===a(t)&&!(t instanceof Date)){if(t.toJSON&&"function"==typeof t.toJSON&&!i)return Et(t.toJSON(),n,!0);var s={};for(var u in t)Object.prototype.hasOwnProperty.call(t,u)&&(s[u]=Et(t[u],n));return s}return t}function jt(t,n){return t.data=Ot(t.data,n),delete t.attachments,t}function Ot(t,n){if(!t)return t;if(t&&!0===t._placeholder){if("number"==typeof t.num&&t.num>=0&&t.num<n.length)return n[t.num];throw new Error("illegal attachments")}if(Array.isArray(t))for(var i=0;i<t.length;i++)t[i]=Ot(t[i],n);else if("object"===a(t))for(var r in t)Object.prototype.hasOwnProperty.call(t,r)&&(t[r]=Ot(t[r],n));return t}var Bt,St=["connect","connect_error","disconnect","disconnecting","newListener","removeListener"];!function(t){t[t.CONNECT=0]="CONNECT",t[t.DISCONNECT=1]="DISCONNECT",t[t.EVENT=2]="EVENT",t[t.ACK=3]="ACK",t[t.CONNECT_ERROR=4]="CONNECT_ERROR",t[t.BINARY_EVENT=5]="BINARY_EVENT",t[t.BINARY_ACK=6]="BINARY_ACK"}(Bt||(Bt={}));var Nt=function(){function t(t){this.replacer=t}var n=t.prototype;return n.encode=function(t){return t.type!==Bt.EVENT&&t.type!==Bt.ACK||!kt(t)?[this.encodeAsString(t)]:this.encodeAsBinary({type:t.type===Bt.EVENT?Bt.BINARY_EVENT:Bt.BINARY_ACK,nsp:t.nsp,data:t.data,id:t.id})},n.encodeAsString=function(t){var n=""+t.type;return t.type!==Bt.BINARY_EVENT&&t.type!==Bt.BINARY_ACK||(n+=t.attachments+"-"),t.nsp&&"/"!==t.nsp&&(n+=t.nsp+","),null!=t.id&&(n+=t.id),null!=t.data&&(n+=JSON.stringify(t.data,this.replacer)),n},n.encodeAsBinary=function(t){var n=At(t),i=this.encodeAsString(n.packet),r=n.buffers;return r.unshift(i),r},t}(),Tt=function(t){function n(n){var i;return(i=t.call(this)||this).opts=e({reviver:void 0,maxAttachments:10},"function"==typeof n?{reviver:n}:n),i}s(n,t);var i=n.prototype;return i.add=function(n){var i;if("string"==typeof n){if(this.reconstructor)throw new Error("got plaintext data when reconstructing a packet");var r=(i=this.decodeString(n)).type===Bt.BINARY_EVENT;r||i.type===Bt.BINARY_ACK?(i.type=r?Bt.EVENT:Bt.ACK,this.reconstructor=new Ct(i)):t.prototype.emitReserved.call(this,"decoded",i)}else{if(!mt(n)&&!n.base64)throw new Error("Unknown type: "+n);if(!this.reconstructor)throw new Error("got binary data when not reconstructing a packet");(i=this.reconstructor.takeBinaryData(n))&&(this.reconstructor=null,t.prototype.emitReserved.call(this,"decoded",i))}},i.decodeString=function(t){var i=0,r={type:Number(t.charAt(0))};if(void 0===Bt[r.type])throw new Error("unknown packet type "+r.type);if(r.type===Bt.BINARY_EVENT||r.type===Bt.BINARY_ACK){for(var e=i+1;"-"!==t.charAt(++i)&&i!=t.length;);var o=t.substring(e,i);if(o!=Number(o)||"-"!==t.charAt(i))throw new Error("Illegal attachments");var s=Number(o);if(!Ut(s)||s<1)throw new Error("Illegal attachments");if(s>this.opts.maxAttachments)throw new Error("too many attachments");r.attachments=s}if("/"===t.charAt(i+1)){for(var u=i+1;++i;){if(","===t.charAt(i))break;if(i===t.length)break}r.nsp=t.substring(u,i)}else r.nsp="/";var h=t.charAt(i+1);if(""!==h&&Number(h)==h){for(var f=i+1;++i;){var c=t.charAt(i);if(null==c||Number(c)!=c){--i;break}if(i===t.length)break}r.id=Number(t.substring(f,i+1))}if(t.charAt(++i)){var a=this.tryParse(t.substr(i));if(!n.isPayloadValid(r.type,a))throw new Error("invalid payload");r.data=a}return r},i.tryParse=function(t){try{return JSON.parse(t,this.opts.reviver)}catch(t){return!1}},n.isPayloadValid=function(t,n){switch(t){case Bt.CONNECT:return Mt(n);case Bt.DISCONNECT:return void 0===n;case Bt.CONNECT_ERROR:return"string"==typeof n||Mt(n);case Bt.EVENT:case Bt.BINARY_EVENT:return Array.isArray(n)&&("number"==typeof n[0]||"string"==typeof n[0]&&-1===St.indexOf(n[0]));case Bt.ACK:case Bt.BINARY_ACK:return Array.isArray(n)}},i.destroy=function(){this.reconstructor&&(this.reconstructor.finishedReconstruction(),this.reconstructor=null)},n}(L),Ct=function(){function t(t){this.packet=t,this.buffers=[],this.reconPack=t}var n=t.prototype;return n.takeBinaryData=function(t){if(this.buffers.push(t),this.buffers.length===this.reconPack.attachments){var n=jt(this.reconPack,this.buffers);return this.finishedReconstruction(),n}return null},n.finishedReconstruction=function(){this.reconPack=null,this.buffers=[]},t}();var Ut=Number.isInteger||function(t){return"number"==typeof t&&isFinite(t)&&Math.floor(t)===t};function Mt(t){return"[object Object]"===Object.prototype.toString.call(t)}var It=Object.freeze({__proto__:null,protocol:5,get PacketType(){return Bt},Encoder:Nt,Decoder:Tt,isPacketValid:function(t){return"string"==typeof t.nsp&&(void 0===(n=t.id)||Ut(n))&&function(t,n){switch(t){case Bt.CONNECT:return void 0===n||Mt(n);case Bt.DISCONNECT:return void 0===n;case Bt.EVENT:return Array.isArray(n)&&("number"==typeof n[0]||"string"==typeof n[0]&&-1===St.indexOf(n[0]));case Bt.ACK:return Array.isArray(n);case Bt.CONNECT_ERROR:return"string"==typeof n||Mt(n);default:return!1}}(t.type,t.data);var n}});function xt(t,n,i){return t.on(n,i),function(){t.off(n,i)}}var Rt=Object.freeze({connect:1,connect_error:1,disconnect:1,disconnecting:1,newListener:1,removeListener:1}),Lt=function(t){function n(n,i,r){var o;return(o=t.call(this)||this).connected=!1,o.recovered=!1,o.receiveBuffer=[],o.sendBuffer=[],o.it=[],o.rt=0,o.ids=0,o.acks={},o.flags={},o.io=n,o.nsp=i,r&&r.auth&&(o.auth=r.auth),o.l=e({},r),o.io.et&&o.open(),o}s(n,t);var o=n.prototype;return o.subEvents=function(){if(!this.subs){var t=this.io;this.subs=[xt(t,"open",this.onopen.bind(this)),xt(t,"packet",this.onpacket.bind(this)),xt(t,"error",this.onerror.bind(this)),xt(t,"close",this.onclose.bind(this))]}},o.connect=function(){return this.connected||(this.subEvents(),this.io.ot||this.io.open(),"open"===this.io.st&&this.onopen()),this},o.open=function(){return this.connect()},o.send=function(){for(var t=arguments.length,n=new Array(t),i=0;i<t;i++)n[i]=arguments[i];return n.unshift("message"),this.emit.apply(this,n),this},o.emit=function(t){var n,i,r;if(Rt.hasOwnProperty(t))throw new Error('"'+t.toString()+'" is a reserved event name');for(var e=arguments.length,o=new Array(e>1?e-1:0),s=1;s<e;s++)o[s-1]=arguments[s];if(o.unshift(t),this.l.retries&&!this.flags.fromQueue&&!this.flags.volatile)return this.ut(o),this;var u={type:Bt.EVENT,data:o,options:{}};if(u.options.compress=!1!==this.flags.compress,"function"==typeof o[o.length-1]){var h=this.ids++,f=o.pop();this.ht(h,f),u.id=h}var c=null===(i=null===(n=this.io.engine)||void 0===n?void 0:n.transport)||void 0===i?void 0:i.writable,a=this.connected&&!(null===(r=this.io.engine)||void 0===r?void 0:r.nt());return this.flags.volatile&&!c||(a?(this.notifyOutgoingListeners(u),this.packet(u)):this.sendBuffer.push(u)),this.flags={},this},o.ht=function(t,n){var i,r=this,e=null!==(i=this.flags.timeout)&&void 0!==i?i:this.l.ackTimeout;if(void 0!==e){var o=this.io.setTimeoutFn((function(){delete r.acks[t];for(var i=0;i<r.sendBuffer.length;i++)r.sendBuffer[i].id===t&&r.sendBuffer.splice(i,1);n.call(r,new Error("operation has timed out"))}),e),s=function(){r.io.clearTimeoutFn(o);for(var t=arguments.length,i=new Array(t),e=0;e<t;e++)i[e]=arguments[e];n.apply(r,i)};s.withError=!0,this.acks[t]=s}else this.acks[t]=n},o.emitWithAck=function(t){for(var n=this,i=arguments.length,r=new Array(i>1?i-1:0),e=1;e<i;e++)r[e-1]=arguments[e];return new Promise((function(i,e){var o=function(t,n){return t?e(t):i(n)};o.withError=!0,r.push(o),n.emit.apply(n,[t].concat(r))}))},o.ut=function(t){var n,i=this;"function"==typeof t[t.length-1]&&(n=t.pop());var r={id:this.rt++,tryCount:0,pending:!1,args:t,flags:e({fromQueue:!0},this.flags)};t.push((function(t){if(i.it[0],null!==t)r.tryCount>i.l.retries&&(i.it.shift(),n&&n(t));else if(i.it.shift(),n){for(var e=arguments.length,o=new Array(e>1?e-1:0),s=1;s<e;s++)o[s-1]=arguments[s];n.apply(void 0,[null].concat(o))}return r.pending=!1,i.ft()})),this.it.push(r),this.ft()},o.ft=function(){var t=arguments.length>0&&void 0!==arguments[0]&&arguments[0];if(this.connected&&0!==this.it.length){var n=this.it[0];n.pending&&!t||(n.pending=!0,n.tryCount++,this.flags=n.flags,this.emit.apply(this,n.args))}},o.packet=function(t){t.nsp=this.nsp,this.io.ct(t)},o.onopen=function(){var t=this;"function"==typeof this.auth?this.auth((function(n){t.vt(n)})):this.vt(this.auth)},o.vt=function(t){this.packet({type:Bt.CONNECT,data:this.lt?e({pid:this.lt,offset:this.dt},t):t})},o.onerror=function(t){this.connected||this.emitReserved("connect_error",t)},o.onclose=function(t,n){this.connected=!1,delete this.id,this.emitReserved("disconnect",t,n),this.yt()},o.yt=function(){var t=this;Object.keys(this.acks).forEach((function(n){if(!t.sendBuffer.some((function(t){return String(t.id)===n}))){var i=t.acks[n];delete t.acks[n],i.withError&&i.call(t,new Error("socket has been disconnected"))}}))},o.onpacket=function(t){if(t.nsp===this.nsp)switch(t.type){case Bt.CONNECT:t.data&&t.data.sid?this.onconnect(t.data.sid,t.data.pid):this.emitReserved("connect_error",new Error("It seems you are trying to reach a Socket.IO server in v2.x with a v3.x client, but they are not compatible (more information here: https://socket.io/docs/v3/migrating-from-2-x-to-3-0/)"));break;case Bt.EVENT:case Bt.BINARY_EVENT:this.onevent(t);break;case Bt.ACK:case Bt.BINARY_ACK:this.onack(t);break;case Bt.DISCONNECT:this.ondisconnect();break;case Bt.CONNECT_ERROR:this.destroy();var n=new Error(t.data.message);n.data=t.data.data,this.emitReserved("connect_error",n)}},o.onevent=function(t){var n=t.data||[];null!=t.id&&n.push(this.ack(t.id)),this.connected?this.emitEvent(n):this.receiveBuffer.push(Object.freeze(n))},o.emitEvent=function(n){if(this.bt&&this.bt.length){var i,e=r(this.bt.slice());try{for(e.s();!(i=e.n()).done;){i.value.apply(this,n)}}catch(t){e.e(t)}finally{e.f()}}t.prototype.emit.apply(this,n),this.lt&&n.length&&"string"==typeof n[n.length-1]&&(this.dt=n[n.length-1])},o.ack=function(t){var n=this,i=!1;return function(){if(!i){i=!0;for(var r=arguments.length,e=new Array(r),o=0;o<r;o++)e[o]=arguments[o];n.packet({type:Bt.ACK,id:t,data:e})}}},o.onack=function(t){var n=this.acks[t.id];"function"==typeof n&&(delete this.acks[t.id],n.withError&&t.data.unshift(null),n.apply(this,t.data))},o.onconnect=function(t,n){this.id=t,this.recovered=n&&this.lt===n,this.lt=n,this.connected=!0,this.emitBuffered(),this.ft(!0),this.emitReserved("connect")},o.emitBuffered=function(){var t=this;this.receiveBuffer.forEach((function(n){return t.emitEvent(n)})),this.receiveBuffer=[],this.sendBuffer.forEach((function(n){t.notifyOutgoingListeners(n),t.packet(n)})),this.sendBuffer=[]},o.ondisconnect=function(){this.destroy(),this.onclose("io server disconnect")},o.destroy=function(){this.subs&&(this.subs.forEach((function(t){return t()})),this.subs=void 0),this.io.wt(this)},o.disconnect=function(){return this.connected&&this.packet({type:Bt.DISCONNECT}),this.destroy(),this.connected&&this.onclose("io client disconnect"),this},o.close=function(){return this.disconnect()},o.compress=function(t){return this.flags.compress=t,this},o.timeout=function(t){return this.flags.timeout=t,this},o.onAny=function(t){return this.bt=this.bt||[],this.bt.push(t),this},o.prependAny=function(t){return this.bt=this.bt||[],this.bt.unshift(t),this},o.offAny=function(t){if(!this.bt)return this;if(t){for(var n=this.bt,i=0;i<n.length;i++)if(t===n[i])return n.splice(i,1),this}else this.bt=[];return this},o.listenersAny=function(){return this.bt||[]},o.onAnyOutgoing=function(t){return this.gt=this.gt||[],this.gt.push(t),this},o.prependAnyOutgoing=function(t){return this.gt=this.gt||[],this.gt.unshift(t),this},o.offAnyOutgoing=function(t){if(!this.gt)return this;if(t){for(var n=this.gt,i=0;i<n.length;i++)if(t===n[i])return n.splice(i,1),this}else this.gt=[];return this},o.listenersAnyOutgoing=function(){return this.gt||[]},o.notifyOutgoingListeners=function(t){if(this.gt&&this.gt.length){var n,i=r(this.gt.slice());try{for(i.s();!(n=i.n()).done;){n.value.apply(this,t.data)}}catch(t){i.e(t)}finally{i.f()}}},i(n,[{key:"disconnected",get:function(){return!this.connected}},{key:"active",get:function(){return!!this.subs}},{key:"volatile",get:function(){return this.flags.volatile=!0,this}}])}(L);function _t(t){t=t||{},this.ms=t.min||100,this.max=t.max||1e4,this.factor=t.factor||2,this.jitter=t.jitter>0&&t.jitter<=1?t.jitter:0,this.attempts=0}_t.prototype.duration=function(){var t=this.ms*Math.pow(this.factor,this.attempts++);if(this.jitter){var n=Math.random(),i=Math.floor(n*this.jitter*t);t=1&Math.floor(10*n)?t+i:t-i}return 0|Math.min(t,this.max)},_t.prototype.reset=function(){this.attempts=0},_t.prototype.setMin=function(t){this.ms=t},_t.prototype.setMax=function(t){this.max=t},_t.prototype.setJitter=function(t){this.jitter=t};var Dt=function(t){function n(n,i){var r,e;(r=t.call(this)||this).nsps={},r.subs=[],n&&"object"===a(n)&&(i=n,n=void 0),(i=i||{}).path=i.path||"/socket.io",r.opts=i,V(r,i),r.reconnection(!1!==i.reconnection),r.reconnectionAttempts(i.reconnectionAttempts||1/0),r.reconnectionDelay(i.reconnectionDelay||1e3),r.reconnectionDelayMax(i.reconnectionDelayMax||5e3),r.randomizationFactor(null!==(e=i.randomizationFactor)&&void 0!==e?e:.5),r.backoff=new _t({min:r.reconnectionDelay(),max:r.reconnectionDelayMax(),jitter:r.randomizationFactor()}),r.timeout(null==i.timeout?2e4:i.timeout),r.st="closed",r.uri=n;var o=i.parser||It;return r.encoder=new o.Encoder,r.decoder=new o.Decoder,r.et=!1!==i.autoConnect,r.et&&r.open(),r}s(n,t);var i=n.prototype;return i.reconnection=function(t){return arguments.length?(this.kt=!!t,t||(this.skipReconnect=!0),this):this.kt},i.reconnectionAttempts=function(t){return void 0===t?this.At:(this.At=t,this)},i.reconnectionDelay=function(t){var n;return void 0===t?this.Et:(this.Et=t,null===(n=this.backoff)||void 0===n||n.setMin(t),this)},i.randomizationFactor=function(t){var n;return void 0===t?this.jt:(this.jt=t,null===(n=this.backoff)||void 0===n||n.setJitter(t),this)},i.reconnectionDelayMax=function(t){var n;return void 0===t?this.Ot:(this.Ot=t,null===(n=this.backoff)||void 0===n||n.setMax(t),this)},i.timeout=function(t){return arguments.length?(this.Bt=t,this):this.Bt},i.maybeReconnectOnOpen=function(){!this.ot&&this.kt&&0===this.backoff.attempts&&this.reconnect()},i.open=function(t){var n=this;if(~this.st.indexOf("open"))return this;this.engine=new pt(this.uri,this.opts);var i=this.engine,r=this;this.st="opening",this.skipReconnect=!1;var e=xt(i,"open",(function(){r.onopen(),t&&t()})),o=function(i){n.cleanup(),n.st="closed",n.emitReserved("error",i),t?t(i):n.maybeReconnectOnOpen()},s=xt(i,"error",o);if(!1!==this.Bt){var u=this.Bt,h=this.setTimeoutFn((function(){e(),o(new Error("timeout")),i.close()}),u);this.opts.autoUnref&&h.unref(),this.subs.push((function(){n.clearTimeoutFn(h)}))}return this.subs.push(e),this.subs.push(s),this},i.connect=function(t){return this.open(t)},i.onopen=function(){this.cleanup(),this.st="open",this.emitReserved("open");var t=this.engine;this.subs.push(xt(t,"ping",this.onping.bind(this)),xt(t,"data",this.ondata.bind(this)),xt(t,"error",this.onerror.bind(this)),xt(t,"close",this.onclose.bind(this)),xt(this.decoder,"decoded",this.ondecoded.bind(this)))},i.onping=function(){this.emitReserved("ping")},i.ondata=function(t){try{this.decoder.add(t)}catch(t){this.onclose("parse error",t)}},i.ondecoded=function(t){var n=this;_((function(){n.emitReserved("packet",t)}),this.setTimeoutFn)},i.onerror=function(t){this.emitReserved("error",t)},i.socket=function(t,n){var i=this.nsps[t];return i?this.et&&!i.active&&i.connect():(i=new Lt(this,t,n),this.nsps[t]=i),i},i.wt=function(t){for(var n=0,i=Object.keys(this.nsps);n<i.length;n++){var r=i[n];if(this.nsps[r].active)return}this.St()},i.ct=function(t){for(var n=this.encoder.encode(t),i=0;i<n.length;i++)this.engine.write(n[i],t.options)},i.cleanup=function(){this.subs.forEach((function(t){return t()})),this.subs.length=0,this.decoder.destroy()},i.St=function(){this.skipReconnect=!0,this.ot=!1,this.onclose("forced close")},i.disconnect=function(){return this.St()},i.onclose=function(t,n){var i;this.cleanup(),null===(i=this.engine)||void 0===i||i.close(),this.backoff.reset(),this.st="closed",this.emitReserved("close",t,n),this.kt&&!this.skipReconnect&&this.reconnect()},i.reconnect=function(){var t=this;if(this.ot||this.skipReconnect)return this;var n=this;if(this.backoff.attempts>=this.At)this.backoff.reset(),this.emitReserved("reconnect_failed"),this.ot=!1;else{var i=this.backoff.duration();this.ot=!0;var r=this.setTimeoutFn((function(){n.skipReconnect||(t.emitReserved("reconnect_attempt",n.backoff.attempts),n.skipReconnect||n.open((function(i){i?(n.ot=!1,n.reconnect(),t.emitReserved("reconnect_error",i)):n.onreconnect()})))}),i);this.opts.autoUnref&&r.unref(),this.subs.push((function(){t.clearTimeoutFn(r)}))}},i.onreconnect=function(){var t=this.backoff.attempts;this.ot=!1,this.backoff.reset(),this.emitReserved("reconnect",t)},n}(L),Pt={};function $t(t,n){"object"===a(t)&&(n=t,t=void 0);var i,r=function(t){var n=arguments.length>1&&void 0!==arguments[1]?arguments[1]:"",i=arguments.length>2?arguments[2]:void 0,r=t;i=i||"undefined"!=typeof location&&location,null==t&&(t=i.protocol+"//"+i.host),"string"==typeof t&&("/"===t.charAt(0)&&(t="/"===t.charAt(1)?i.protocol+t:i.host+t),/^(https?|wss?):\/\//.test(t)||(t=void 0!==i?i.protocol+"//"+t:"https://"+t),r=at(t)),r.port||(/^(http|ws)$/.test(r.protocol)?r.port="80":/^(http|ws)s$/.test(r.protocol)&&(r.port="443")),r.path=r.path||"/";var e=-1!==r.host.indexOf(":")?"["+r.host+"]":r.host;return r.id=r.protocol+"://"+e+":"+r.port+n,r.href=r.protocol+"://"+e+(i&&i.port===r.port?"":":"+r.port),r}(t,(n=n||{}).path||"/socket.io"),e=r.source,o=r.id,s=r.path,u=Pt[o]&&s in Pt[o].nsps;return n.forceNew||n["force new connection"]||!1===n.multiplex||u?i=new Dt(e,n):(Pt[o]||(Pt[o]=new Dt(e,n)),i=Pt[o]),r.query&&!n.query&&(n.query=r.queryKey),i.socket(r.path,n)}return e($t,{Manager:Dt,Socket:Lt,io:$t,connect:$t}),$t}));
var io = module.exports;
var TEXTS = {"languages": {"ja": "\u65e5\u672c\u8a9e", "ja-easy": "\u3084\u3055\u3057\u3044\u65e5\u672c\u8a9e", "en": "English", "zh": "\u4e2d\u6587", "ko": "\ud55c\uad6d\uc5b4", "vi": "Ti\u1ebfng Vi\u1ec7t"}, "texts": {"title": {"ja": "\u5343\u8449\u770c \u30c1\u30e3\u30c3\u30c8\u6848\u5185", "ja-easy": "\u3061\u3070\u3051\u3093\u306e \u30c1\u30e3\u30c3\u30c8", "en": "Chiba Prefecture chat assistant", "zh": "\u5343\u53f6\u53bf \u804a\u5929\u54a8\u8be2", "ko": "\uc9c0\ubc14\ud604 \ucc44\ud305 \uc548\ub0b4", "vi": "Tr\u1ee3 l\u00fd tr\u00f2 chuy\u1ec7n t\u1ec9nh Chiba"}, "launcher": {"ja": "\u30c1\u30e3\u30c3\u30c8\u3067\u8cea\u554f", "ja-easy": "\u30c1\u30e3\u30c3\u30c8\u3067 \u304d\u304f", "en": "Ask in chat", "zh": "\u5728\u7ebf\u54a8\u8be2", "ko": "\ucc44\ud305\uc73c\ub85c \uc9c8\ubb38", "vi": "H\u1ecfi qua tr\u00f2 chuy\u1ec7n"}, "open": {"ja": "\u30c1\u30e3\u30c3\u30c8\u3092\u958b\u304f", "ja-easy": "\u30c1\u30e3\u30c3\u30c8\u3092 \u3072\u3089\u304f", "en": "Open the chat", "zh": "\u6253\u5f00\u804a\u5929\u7a97\u53e3", "ko": "\ucc44\ud305 \uc5f4\uae30", "vi": "M\u1edf khung tr\u00f2 chuy\u1ec7n"}, "close": {"ja": "\u30c1\u30e3\u30c3\u30c8\u3092\u9589\u3058\u308b", "ja-easy": "\u30c1\u30e3\u30c3\u30c8\u3092 \u3068\u3058\u308b", "en": "Close the chat", "zh": "\u5173\u95ed\u804a\u5929\u7a97\u53e3", "ko": "\ucc44\ud305 \ub2eb\uae30", "vi": "\u0110\u00f3ng khung tr\u00f2 chuy\u1ec7n"}, "chooseLanguage": {"ja": "\u8a00\u8a9e\u3092\u9078\u3076", "ja-easy": "\u3053\u3068\u3070\u3092 \u3048\u3089\u3076", "en": "Choose a language", "zh": "\u9009\u62e9\u8bed\u8a00", "ko": "\uc5b8\uc5b4 \uc120\ud0dd", "vi": "Ch\u1ecdn ng\u00f4n ng\u1eef"}, "log": {"ja": "\u4f1a\u8a71\u306e\u8a18\u9332", "ja-easy": "\u306f\u306a\u3057\u305f \u3053\u3068", "en": "Conversation", "zh": "\u5bf9\u8bdd\u8bb0\u5f55", "ko": "\ub300\ud654 \ub0b4\uc6a9", "vi": "N\u1ed9i dung tr\u00f2 chuy\u1ec7n"}, "inputLabel": {"ja": "\u30e1\u30c3\u30bb\u30fc\u30b8", "ja-easy": "\u30e1\u30c3\u30bb\u30fc\u30b8", "en": "Your message", "zh": "\u60a8\u7684\u6d88\u606f", "ko": "\uba54\uc2dc\uc9c0", "vi": "Tin nh\u1eafn c\u1ee7a b\u1ea1n"}, "placeholder": {"ja": "\u8cea\u554f\u3092\u5165\u529b\u3057\u3066\u304f\u3060\u3055\u3044", "ja-easy": "\u3057\u3064\u3082\u3093\u3092 \u304b\u3044\u3066 \u304f\u3060\u3055\u3044", "en": "Type your question", "zh": "\u8bf7\u8f93\u5165\u60a8\u7684\u95ee\u9898", "ko": "\uc9c8\ubb38\uc744 \uc785\ub825\ud558\uc138\uc694", "vi": "Nh\u1eadp c\u00e2u h\u1ecfi c\u1ee7a b\u1ea1n"}, "send": {"ja": "\u9001\u4fe1", "ja-easy": "\u304a\u304f\u308b", "en": "Send", "zh": "\u53d1\u9001", "ko": "\ubcf4\ub0b4\uae30", "vi": "G\u1eedi"}, "shareLocation": {"ja": "\u73fe\u5728\u5730\u3092\u9001\u308b", "ja-easy": "\u3044\u307e \u3044\u308b \u3068\u3053\u308d\u3092 \u304a\u304f\u308b", "en": "Share my location", "zh": "\u53d1\u9001\u6211\u7684\u4f4d\u7f6e", "ko": "\ub0b4 \uc704\uce58 \ubcf4\ub0b4\uae30", "vi": "G\u1eedi v\u1ecb tr\u00ed c\u1ee7a t\u00f4i"}, "locationSent": {"ja": "\ud83d\udccd \u73fe\u5728\u5730\u3092\u9001\u308a\u307e\u3057\u305f", "ja-easy": "\ud83d\udccd \u3044\u307e \u3044\u308b \u3068\u3053\u308d\u3092 \u304a\u304f\u308a\u307e\u3057\u305f", "en": "\ud83d\udccd I shared my location", "zh": "\ud83d\udccd \u5df2\u53d1\u9001\u6211\u7684\u4f4d\u7f6e", "ko": "\ud83d\udccd \ub0b4 \uc704\uce58\ub97c \ubcf4\ub0c8\uc2b5\ub2c8\ub2e4", "vi": "\ud83d\udccd T\u00f4i \u0111\u00e3 g\u1eedi v\u1ecb tr\u00ed c\u1ee7a m\u00ecnh"}, "locating": {"ja": "\u73fe\u5728\u5730\u3092\u78ba\u8a8d\u3057\u3066\u3044\u307e\u3059\u2026", "ja-easy": "\u3044\u307e \u3044\u308b \u3068\u3053\u308d\u3092 \u3057\u3089\u3079\u3066 \u3044\u307e\u3059\u2026", "en": "Finding your location\u2026", "zh": "\u6b63\u5728\u83b7\u53d6\u60a8\u7684\u4f4d\u7f6e\u2026", "ko": "\uc704\uce58\ub97c \ud655\uc778\ud558\uace0 \uc788\uc2b5\ub2c8\ub2e4\u2026", "vi": "\u0110ang x\u00e1c \u0111\u1ecbnh v\u1ecb tr\u00ed c\u1ee7a b\u1ea1n\u2026"}, "locationDenied": {"ja": "\u4f4d\u7f6e\u60c5\u5831\u306e\u5229\u7528\u304c\u8a31\u53ef\u3055\u308c\u3066\u3044\u307e\u305b\u3093\u3002\u30d6\u30e9\u30a6\u30b6\u30fc\u306e\u8a2d\u5b9a\u3067\u8a31\u53ef\u3059\u308b\u304b\u3001\u5e02\u753a\u6751\u540d\u3092\u5165\u529b\u3057\u3066\u304f\u3060\u3055\u3044\u3002", "ja-easy": "\u3044\u308b \u3068\u3053\u308d\u304c \u308f\u304b\u308a\u307e\u305b\u3093\u3002\u30d6\u30e9\u30a6\u30b6\u30fc\u306e \u305b\u3063\u3066\u3044\u3067 \u3086\u308b\u3057\u3066 \u304f\u3060\u3055\u3044\u3002\u307e\u305f\u306f\u3001\u3057\u3084 \u307e\u3061\u306e \u306a\u307e\u3048\u3092 \u304b\u3044\u3066 \u304f\u3060\u3055\u3044\u3002", "en": "Location access was not allowed. Allow it in your browser settings, or type the name of your city or town.", "zh": "\u672a\u5141\u8bb8\u4f7f\u7528\u4f4d\u7f6e\u4fe1\u606f\u3002\u8bf7\u5728\u6d4f\u89c8\u5668\u8bbe\u7f6e\u4e2d\u5141\u8bb8\uff0c\u6216\u8f93\u5165\u60a8\u6240\u5728\u7684\u5e02\u753a\u6751\u540d\u79f0\u3002", "ko": "\uc704\uce58 \uc815\ubcf4 \uc0ac\uc6a9\uc774 \ud5c8\uc6a9\ub418\uc9c0 \uc54a\uc558\uc2b5\ub2c8\ub2e4. \ube0c\ub77c\uc6b0\uc800 \uc124\uc815\uc5d0\uc11c \ud5c8\uc6a9\ud558\uac70\ub098 \uc2dc\uc815\ucd0c \uc774\ub984\uc744 \uc785\ub825\ud574 \uc8fc\uc138\uc694.", "vi": "B\u1ea1n ch\u01b0a cho ph\u00e9p d\u00f9ng v\u1ecb tr\u00ed. H\u00e3y cho ph\u00e9p trong c\u00e0i \u0111\u1eb7t tr\u00ecnh duy\u1ec7t, ho\u1eb7c nh\u1eadp t\u00ean th\u00e0nh ph\u1ed1, th\u1ecb tr\u1ea5n c\u1ee7a b\u1ea1n."}, "locationUnavailable": {"ja": "\u73fe\u5728\u5730\u3092\u53d6\u5f97\u3067\u304d\u307e\u305b\u3093\u3067\u3057\u305f\u3002\u5e02\u753a\u6751\u540d\u3092\u5165\u529b\u3057\u3066\u304f\u3060\u3055\u3044\u3002", "ja-easy": "\u3044\u307e \u3044\u308b \u3068\u3053\u308d\u304c \u308f\u304b\u308a\u307e\u305b\u3093\u3067\u3057\u305f\u3002\u3057\u3084 \u307e\u3061\u306e \u306a\u307e\u3048\u3092 \u304b\u3044\u3066 \u304f\u3060\u3055\u3044\u3002", "en": "Your location could not be found. Please type the name of your city or town.", "zh": "\u65e0\u6cd5\u83b7\u53d6\u60a8\u7684\u4f4d\u7f6e\u3002\u8bf7\u8f93\u5165\u60a8\u6240\u5728\u7684\u5e02\u753a\u6751\u540d\u79f0\u3002", "ko": "\uc704\uce58\ub97c \ud655\uc778\ud560 \uc218 \uc5c6\uc2b5\ub2c8\ub2e4. \uc2dc\uc815\ucd0c \uc774\ub984\uc744 \uc785\ub825\ud574 \uc8fc\uc138\uc694.", "vi": "Kh\u00f4ng x\u00e1c \u0111\u1ecbnh \u0111\u01b0\u1ee3c v\u1ecb tr\u00ed c\u1ee7a b\u1ea1n. H\u00e3y nh\u1eadp t\u00ean th\u00e0nh ph\u1ed1, th\u1ecb tr\u1ea5n c\u1ee7a b\u1ea1n."}, "staff": {"ja": "\u770c\u306e\u8077\u54e1", "ja-easy": "\u3051\u3093\u306e \u3057\u3087\u304f\u3044\u3093", "en": "Staff member", "zh": "\u5de5\u4f5c\u4eba\u5458", "ko": "\ub2f4\ub2f9 \uc9c1\uc6d0", "vi": "Nh\u00e2n vi\u00ean"}, "staffNamed": {"ja": "\u770c\u306e\u8077\u54e1\uff08{name}\uff09", "ja-easy": "\u3051\u3093\u306e \u3057\u3087\u304f\u3044\u3093\uff08{name}\uff09", "en": "Staff member ({name})", "zh": "\u5de5\u4f5c\u4eba\u5458\uff08{name}\uff09", "ko": "\ub2f4\ub2f9 \uc9c1\uc6d0 ({name})", "vi": "Nh\u00e2n vi\u00ean ({name})"}, "you": {"ja": "\u3042\u306a\u305f", "ja-easy": "\u3042\u306a\u305f", "en": "You", "zh": "\u60a8", "ko": "\ub098", "vi": "B\u1ea1n"}, "assistant": {"ja": "\u30a2\u30b7\u30b9\u30bf\u30f3\u30c8", "ja-easy": "\u30a2\u30b7\u30b9\u30bf\u30f3\u30c8", "en": "Assistant", "zh": "\u52a9\u624b", "ko": "\ub3c4\uc6b0\ubbf8", "vi": "Tr\u1ee3 l\u00fd"}, "welcome": {"ja": "\u3053\u3093\u306b\u3061\u306f\u3002\u5343\u8449\u770c\u306e\u30c1\u30e3\u30c3\u30c8\u6848\u5185\u3067\u3059\u3002\u624b\u7d9a\u304d\u3001\u30de\u30a4\u30ca\u30f3\u30d0\u30fc\u30ab\u30fc\u30c9\u3001\u707d\u5bb3\u3001\u533b\u7642\u306b\u3064\u3044\u3066\u8cea\u554f\u3057\u3066\u304f\u3060\u3055\u3044\u3002\u30de\u30a4\u30ca\u30f3\u30d0\u30fc\u306a\u3069\u306e\u500b\u4eba\u60c5\u5831\u306f\u5165\u529b\u3057\u306a\u3044\u3067\u304f\u3060\u3055\u3044\u3002", "ja-easy": "\u3053\u3093\u306b\u3061\u306f\u3002\u3061\u3070\u3051\u3093\u306e \u30c1\u30e3\u30c3\u30c8\u3067\u3059\u3002\u3066\u3064\u3065\u304d\u3001\u30de\u30a4\u30ca\u30f3\u30d0\u30fc\u30ab\u30fc\u30c9\u3001\u3055\u3044\u304c\u3044\u3001\u3073\u3087\u3046\u304d\u306e \u3053\u3068\u3092 \u304d\u3044\u3066 \u304f\u3060\u3055\u3044\u3002\u30de\u30a4\u30ca\u30f3\u30d0\u30fc\u306a\u3069 \u3058\u3076\u3093\u306e \u3058\u3087\u3046\u307b\u3046\u306f \u304b\u304b\u306a\u3044\u3067 \u304f\u3060\u3055\u3044\u3002", "en": "Hello! This is Chiba Prefecture's chat assistant. Ask about procedures, the My Number card, disasters or medical help. Please do not type personal information such as your My Number.", "zh": "\u60a8\u597d\uff01\u8fd9\u91cc\u662f\u5343\u53f6\u53bf\u804a\u5929\u54a8\u8be2\u3002\u60a8\u53ef\u4ee5\u8be2\u95ee\u884c\u653f\u624b\u7eed\u3001\u4e2a\u4eba\u7f16\u53f7\u5361\u3001\u707e\u5bb3\u548c\u533b\u7597\u7b49\u95ee\u9898\u3002\u8bf7\u4e0d\u8981\u8f93\u5165\u4e2a\u4eba\u7f16\u53f7\u7b49\u4e2a\u4eba\u4fe1\u606f\u3002", "ko": "\uc548\ub155\ud558\uc138\uc694. \uc9c0\ubc14\ud604 \ucc44\ud305 \uc548\ub0b4\uc785\ub2c8\ub2e4. \ud589\uc815 \uc808\ucc28, \ub9c8\uc774\ub118\ubc84 \uce74\ub4dc, \uc7ac\ud574, \uc758\ub8cc\uc5d0 \ub300\ud574 \uc9c8\ubb38\ud574 \uc8fc\uc138\uc694. \ub9c8\uc774\ub118\ubc84 \ub4f1 \uac1c\uc778\uc815\ubcf4\ub294 \uc785\ub825\ud558\uc9c0 \ub9c8\uc138\uc694.", "vi": "Xin ch\u00e0o! \u0110\u00e2y l\u00e0 tr\u1ee3 l\u00fd tr\u00f2 chuy\u1ec7n c\u1ee7a t\u1ec9nh Chiba. H\u00e3y h\u1ecfi v\u1ec1 th\u1ee7 t\u1ee5c h\u00e0nh ch\u00ednh, th\u1ebb My Number, thi\u00ean tai ho\u1eb7c y t\u1ebf. Vui l\u00f2ng kh\u00f4ng nh\u1eadp th\u00f4ng tin c\u00e1 nh\u00e2n nh\u01b0 s\u1ed1 My Number."}, "connecting": {"ja": "\u63a5\u7d9a\u3057\u3066\u3044\u307e\u3059\u2026", "ja-easy": "\u3064\u306a\u3044\u3067 \u3044\u307e\u3059\u2026", "en": "Connecting\u2026", "zh": "\u6b63\u5728\u8fde\u63a5\u2026", "ko": "\uc5f0\uacb0\ud558\uace0 \uc788\uc2b5\ub2c8\ub2e4\u2026", "vi": "\u0110ang k\u1ebft n\u1ed1i\u2026"}, "reconnecting": {"ja": "\u63a5\u7d9a\u304c\u5207\u308c\u307e\u3057\u305f\u3002\u518d\u63a5\u7d9a\u3057\u3066\u3044\u307e\u3059\u2026", "ja-easy": "\u3064\u306a\u304c\u308a\u304c \u304d\u308c\u307e\u3057\u305f\u3002\u3082\u3046 \u3044\u3061\u3069 \u3064\u306a\u3044\u3067 \u3044\u307e\u3059\u2026", "en": "Connection lost. Reconnecting\u2026", "zh": "\u8fde\u63a5\u5df2\u65ad\u5f00\uff0c\u6b63\u5728\u91cd\u65b0\u8fde\u63a5\u2026", "ko": "\uc5f0\uacb0\uc774 \ub04a\uacbc\uc2b5\ub2c8\ub2e4. \ub2e4\uc2dc \uc5f0\uacb0\ud558\uace0 \uc788\uc2b5\ub2c8\ub2e4\u2026", "vi": "M\u1ea5t k\u1ebft n\u1ed1i. \u0110ang k\u1ebft n\u1ed1i l\u1ea1i\u2026"}, "replies": {"ja": "\u8fd4\u7b54\u306e\u5019\u88dc", "ja-easy": "\u3048\u3089\u3093\u3067 \u304f\u3060\u3055\u3044", "en": "Suggested replies", "zh": "\u53ef\u9009\u56de\u590d", "ko": "\ucd94\ucc9c \ub2f5\ubcc0", "vi": "G\u1ee3i \u00fd tr\u1ea3 l\u1eddi"}, "unread": {"ja": "\u65b0\u3057\u3044\u30e1\u30c3\u30bb\u30fc\u30b8\u304c\u3042\u308a\u307e\u3059", "ja-easy": "\u3042\u305f\u3089\u3057\u3044 \u30e1\u30c3\u30bb\u30fc\u30b8\u304c \u3042\u308a\u307e\u3059", "en": "New message", "zh": "\u60a8\u6709\u4e00\u6761\u65b0\u6d88\u606f", "ko": "\uc0c8 \uba54\uc2dc\uc9c0\uac00 \uc788\uc2b5\ub2c8\ub2e4", "vi": "C\u00f3 tin nh\u1eafn m\u1edbi"}, "newTab": {"ja": "\uff08\u65b0\u3057\u3044\u30bf\u30d6\u3067\u958b\u304d\u307e\u3059\uff09", "ja-easy": "\uff08\u3042\u305f\u3089\u3057\u3044 \u30bf\u30d6\u3067 \u3072\u3089\u304d\u307e\u3059\uff09", "en": "(opens in a new tab)", "zh": "\uff08\u5728\u65b0\u6807\u7b7e\u9875\u4e2d\u6253\u5f00\uff09", "ko": "(\uc0c8 \ud0ed\uc5d0\uc11c \uc5f4\ub9bc)", "vi": "(m\u1edf trong th\u1ebb m\u1edbi)"}}};
/* The chat widget itself. build.sh wraps this file with the socket.io client (`io`) and the UI
 * texts (`TEXTS`, src/texts.json) into static/widget.js; this file stays plain ES5-style
 * JavaScript so that the bundle needs no compiler. */
(function () {
  "use strict";

  var script = document.currentScript;
  var SERVER = (script && script.getAttribute("data-server")) || window.location.origin;
  var STYLESHEET = new URL("widget.css", script ? script.src : window.location.href).href;
  var LANGUAGE_CODES = ["ja", "ja-easy", "en", "zh", "ko", "vi"];
  var DEFAULT_LANGUAGE = "ja";  // the assistant's, until a conversation chooses another
  var STORE_KEY = "chiba-webchat";   // localStorage: session id and language (the conversation)
  var TRANSCRIPT_KEY = "chiba-webchat-transcript";  // sessionStorage: what this tab has shown
  var MAX_KEPT_MESSAGES = 200;
  // Japanese and Chinese punctuation (brackets, commas, full stops) ends an address.
  var TEL_PAYLOAD = /^tel:[0-9+#*-]+$/;
  var SIMPLIFIED_CHINESE = /[\uff0c\u4eec\u8fd9\u8bf7\u60a8\u4e48\u5417\u5462\u8bf4\u8bed\u95ee\u9898\u8fd8\u5bf9\u8fc7\u65f6\u8ba9\u8be5]/;
  var URL_PATTERN = /https?:\/\/[^\s<>"'\u300c\u300d\u300e\u300f\uff08\uff09\u3001\u3002\uff0c\uff01\uff1f]+/g;

  function readJson(storage, key) {
    try {
      return JSON.parse(storage.getItem(key)) || null;
    } catch (e) {  // storage disabled or a broken value: start afresh
      return null;
    }
  }

  function writeJson(storage, key, value) {
    try {
      storage.setItem(key, JSON.stringify(value));
    } catch (e) { /* storage full or disabled: the widget still works, without memory */ }
  }

  // A new conversation starts in the first of the browser's languages the assistant speaks
  // (easy Japanese is only ever chosen by the resident); Japanese if none.
  function browserLanguage() {
    var wanted = navigator.languages && navigator.languages.length ? navigator.languages
      : [navigator.language || ""];
    for (var i = 0; i < wanted.length; i++) {
      var primary = String(wanted[i]).toLowerCase().split("-")[0];
      if (primary !== "ja-easy" && LANGUAGE_CODES.indexOf(primary) >= 0) return primary;
    }
    return DEFAULT_LANGUAGE;
  }

  var saved = readJson(window.localStorage, STORE_KEY) || {};
  var state = {
    sessionId: typeof saved.sessionId === "string" ? saved.sessionId : null,
    language: LANGUAGE_CODES.indexOf(saved.language) >= 0 ? saved.language : browserLanguage(),
    transcript: readJson(window.sessionStorage, TRANSCRIPT_KEY) || {messages: [], open: false}
  };
  // A new conversation tells the assistant its language first, as the language picker does
  // (Japanese is the assistant's own default: nothing to tell).
  var languageToAnnounce = !state.sessionId && state.language !== DEFAULT_LANGUAGE;

  function saveSession() {
    writeJson(window.localStorage, STORE_KEY, {sessionId: state.sessionId, language: state.language});
  }

  function saveTranscript() {
    state.transcript.messages = state.transcript.messages.slice(-MAX_KEPT_MESSAGES);
    writeJson(window.sessionStorage, TRANSCRIPT_KEY, state.transcript);
  }

  function t(key, values) {
    var text = TEXTS.texts[key][state.language];
    Object.keys(values || {}).forEach(function (name) {
      text = text.split("{" + name + "}").join(values[name]);
    });
    return text;
  }

  // BCP 47 for the `lang` attribute: easy Japanese is Japanese to a screen reader, and the
  // assistant's Chinese is written in simplified characters.
  function htmlLang(code) {
    return code === "ja-easy" ? "ja" : code === "zh" ? "zh-Hans" : code;
  }

  // The `lang` of a message: the language it is written in.
  function languageOf(text) {
    return htmlLang(writtenIn(text) || state.language);
  }

  // Which language (ja, en, zh, ko, vi) a message is written in, from the script most of its
  // letters are in; null without letters (replies carry no language tag; a Korean list may
  // well name a Japanese place).
  function writtenIn(text) {
    var letters = text.replace(URL_PATTERN, "");
    var count = function (pattern) { return (letters.match(pattern) || []).length; };
    var kana = count(/[\u3040-\u30ff]/g);
    var han = count(/[\u4e00-\u9fff]/g);
    var scores = {
      ja: kana ? kana + han : 0,
      zh: kana ? 0 : han,
      ko: count(/[\uac00-\ud7af\u1100-\u11ff]/g),
      latin: count(/[a-z\u00c0-\u024f\u1e00-\u1eff]/gi)
    };
    var best = Object.keys(scores).reduce(function (a, b) { return scores[b] > scores[a] ? b : a; });
    if (!scores[best]) return null;
    if (best === "latin") return /[\u0103\u0111\u01a1\u01b0\u1ea0-\u1ef9]/i.test(letters) ? "vi" : "en";
    // Kanji only is Japanese in a Japanese conversation (a place name), unless simplified
    // Chinese shows: its own characters or its full-width comma (Japanese writes U+3001).
    if (best === "zh" && /^ja/.test(state.language) && !SIMPLIFIED_CHINESE.test(letters)) return "ja";
    return best;
  }

  function element(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  // An element whose text (or one attribute) is a UI text, kept in the current UI language.
  function localized(node, key, attribute, values) {
    node.setAttribute("data-t", key);
    if (attribute) node.setAttribute("data-t-attr", attribute);
    if (values) node.setAttribute("data-t-values", JSON.stringify(values));
    translate(node);
    return node;
  }

  function translate(node) {
    var values = node.getAttribute("data-t-values");
    var text = t(node.getAttribute("data-t"), values ? JSON.parse(values) : null);
    var attribute = node.getAttribute("data-t-attr");
    if (attribute) {
      node.setAttribute(attribute, text);
    } else {
      node.textContent = text;
      node.setAttribute("lang", htmlLang(state.language));
    }
  }

  // Bot text as text nodes and safe links: never parsed as HTML.
  function linkified(text) {
    var nodes = [];
    var last = 0;
    text.replace(URL_PATTERN, function (match, offset) {
      var url = match.replace(/[.,;:!?)\]]+$/, "");
      nodes.push(document.createTextNode(text.slice(last, offset)));
      var link = element("a", {href: url, target: "_blank", rel: "noopener noreferrer"}, [url]);
      link.appendChild(localized(element("span", {"class": "cw-sr-only"}), "newTab"));
      nodes.push(link);
      last = offset + url.length;
      return match;
    });
    nodes.push(document.createTextNode(text.slice(last)));
    return nodes;
  }

  // ---- the DOM, inside a shadow root so the host page's styles and ours never mix ----
  var host = element("div", {id: "chiba-webchat"});
  var root = host.attachShadow({mode: "open"});
  var stylesheet = element("link", {rel: "stylesheet", href: STYLESHEET});
  var frame = element("div", {"class": "cw", hidden: ""});
  stylesheet.addEventListener("load", function () { frame.removeAttribute("hidden"); });

  var unreadDot = element("span", {"class": "cw-dot", hidden: ""});
  var launcher = element("button", {type: "button", "class": "cw-launcher",
    "aria-expanded": "false", "aria-controls": "cw-panel"},
  [element("span", {"class": "cw-icon", "aria-hidden": "true"}, ["\ud83d\udcac"]),
    localized(element("span"), "launcher"), unreadDot]);

  var title = localized(element("h2", {id: "cw-title"}), "title");
  var languageLabel = element("span");
  var languageToggle = element("button", {type: "button", "class": "cw-lang-toggle",
    "aria-expanded": "false", "aria-controls": "cw-langs"},
  [element("span", {"aria-hidden": "true"}, ["\ud83c\udf10 "]), languageLabel]);
  var closeButton = localized(element("button", {type: "button", "class": "cw-close"},
    [element("span", {"aria-hidden": "true"}, ["\u00d7"])]), "close", "aria-label");
  var languageList = localized(element("div", {id: "cw-langs", "class": "cw-langs",
    role: "group", hidden: ""}), "chooseLanguage", "aria-label");
  var languageButtons = LANGUAGE_CODES.map(function (code) {
    var button = element("button", {type: "button", lang: htmlLang(code), "data-language": code},
      [TEXTS.languages[code]]);
    button.addEventListener("click", function () { chooseLanguage(code); });
    languageList.appendChild(button);
    return button;
  });
  var log = localized(element("div", {"class": "cw-log", role: "log", "aria-live": "polite",
    tabindex: "0"}), "log", "aria-label");
  var status = element("p", {"class": "cw-status", role: "status"});
  var input = element("input", {id: "cw-input", type: "text", autocomplete: "off",
    maxlength: "1000", enterkeyhint: "send"});
  localized(input, "placeholder", "placeholder");
  var form = element("form", {"class": "cw-form"}, [
    localized(element("label", {"for": "cw-input", "class": "cw-sr-only"}), "inputLabel"),
    input,
    localized(element("button", {type: "submit", "class": "cw-send"}), "send")
  ]);
  var locationButton = element("button", {type: "button", "class": "cw-location"}, [
    element("span", {"aria-hidden": "true"}, ["\ud83d\udccd "]),
    localized(element("span"), "shareLocation")
  ]);
  var panel = element("section", {id: "cw-panel", "class": "cw-panel", role: "dialog",
    "aria-labelledby": "cw-title", hidden: ""}, [
    element("header", {}, [title, languageToggle, closeButton]),
    languageList, log, status, form, locationButton
  ]);
  frame.appendChild(launcher);
  frame.appendChild(panel);
  root.appendChild(stylesheet);
  root.appendChild(frame);

  function renderLanguage() {
    languageLabel.textContent = TEXTS.languages[state.language];
    languageLabel.setAttribute("lang", htmlLang(state.language));
    // Screen-reader names start with what is shown (WCAG 2.5.3, label in name).
    languageToggle.setAttribute("aria-label",
      TEXTS.languages[state.language] + " \u2014 " + t("chooseLanguage"));
    languageButtons.forEach(function (button) {
      button.setAttribute("aria-pressed", String(button.getAttribute("data-language") === state.language));
    });
    panel.setAttribute("lang", htmlLang(state.language));
    Array.prototype.forEach.call(root.querySelectorAll("[data-t]"), translate);
    renderLauncherLabel();
  }

  function renderLauncherLabel() {
    var unread = !unreadDot.hasAttribute("hidden");
    launcher.setAttribute("aria-label", t("launcher") + " \u2014 " + t("open") +
      (unread ? " \u2014 " + t("unread") : ""));
    launcher.setAttribute("lang", htmlLang(state.language));
  }

  // ---- messages ----
  function renderMessage(message) {
    var speaker = message.kind === "user" ? "you" : "assistant";
    var node = element("div", {"class": "cw-msg cw-" + message.kind});
    if (message.kind === "staff") {
      node.appendChild(localized(element("p", {"class": "cw-staff-label"}),
        message.staffName ? "staffNamed" : "staff",
        null, message.staffName ? {name: message.staffName} : null));
    } else if (message.kind !== "notice") {
      node.appendChild(localized(element("span", {"class": "cw-sr-only"}), speaker));
    }
    var textNode;
    if (message.kind === "notice") {
      textNode = localized(element("p", {"class": "cw-text"}), message.key);
    } else {
      textNode = element("p", {"class": "cw-text", lang: languageOf(message.text)},
        message.kind === "user" ? [message.text] : linkified(message.text));
    }
    node.appendChild(textNode);
    if (message.replies && message.replies.length) {
      var group = localized(element("div", {"class": "cw-replies", role: "group"}),
        "replies", "aria-label");
      message.replies.forEach(function (reply) {
        if (TEL_PAYLOAD.test(reply.payload)) {  // a number to call: the phone dials it
          group.appendChild(element("a", {"class": "cw-call", href: reply.payload,
            lang: languageOf(reply.title)}, [reply.title]));
          return;
        }
        var button = element("button", {type: "button", lang: languageOf(reply.title)}, [reply.title]);
        button.addEventListener("click", function () {
          send(reply.payload, reply.title);
          input.focus();  // the buttons are gone: keep keyboard users where they type
        });
        group.appendChild(button);
      });
      node.appendChild(group);
    }
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
  }

  function addMessage(message) {
    state.transcript.messages.push(message);
    saveTranscript();
    renderMessage(message);
  }

  // Suggested replies belong to the moment they were offered: gone once the resident answers.
  function dropReplies() {
    state.transcript.messages.forEach(function (message) { delete message.replies; });
    Array.prototype.forEach.call(log.querySelectorAll(".cw-replies"), function (group) {
      group.parentNode.removeChild(group);
    });
  }

  function messageFromBot(payload) {
    if (!payload || typeof payload !== "object") return null;
    var text = typeof payload.text === "string" ? payload.text : "";
    var attachment = payload.attachment;
    if (!text && attachment && attachment.payload && typeof attachment.payload.src === "string") {
      text = attachment.payload.src;  // an image: shown as its (clickable) address
    }
    if (!text) return null;
    var message = {kind: payload.from === "staff" ? "staff" : "bot", text: text};
    if (message.kind === "staff" && typeof payload.staff_name === "string" && payload.staff_name) {
      message.staffName = payload.staff_name;
    }
    var replies = (payload.quick_replies || []).filter(function (reply) {
      return reply && typeof reply.title === "string" && typeof reply.payload === "string";
    });
    if (replies.length) {
      message.replies = replies.map(function (r) { return {title: r.title, payload: r.payload}; });
    }
    return message;
  }

  // ---- the connection: one Rasa conversation per browser, kept across reloads and drops ----
  var socket = null;
  var confirmed = false;
  var outbox = [];

  function showStatus(key) {
    if (key) {
      localized(status, key);
    } else {
      status.removeAttribute("data-t");
      status.textContent = "";
    }
  }

  function flush() {
    while (confirmed && outbox.length) {
      socket.emit("user_uttered", {message: outbox.shift(), session_id: state.sessionId});
    }
  }

  function connect() {
    if (socket) return;
    if (languageToAnnounce) {  // before anything the resident may already have typed
      languageToAnnounce = false;
      outbox.unshift(chooseLanguagePayload(state.language));
    }
    showStatus("connecting");
    socket = io(SERVER, {path: "/socket.io"});
    socket.on("connect", function () {
      // Every (re)connection asks for the same conversation: Rasa puts this socket in its room.
      socket.emit("session_request", {session_id: state.sessionId});
    });
    socket.on("session_confirm", function (sessionId) {
      if (typeof sessionId === "string" && sessionId) {
        state.sessionId = sessionId;
        saveSession();
      }
      confirmed = true;
      showStatus(null);
      flush();
    });
    socket.on("disconnect", function (reason) {
      confirmed = false;
      showStatus("reconnecting");
      if (reason === "io server disconnect") socket.connect();  // the client retries the rest
    });
    socket.on("bot_uttered", function (payload) {
      var message = messageFromBot(payload);
      if (!message) return;
      if (message.kind === "bot") followLanguage(writtenIn(message.text));
      addMessage(message);
      if (panel.hasAttribute("hidden")) {
        unreadDot.removeAttribute("hidden");
        renderLauncherLabel();
      }
    });
  }

  function send(message, shown) {
    dropReplies();
    addMessage({kind: "user", text: shown});
    outbox.push(message);
    connect();
    flush();
  }

  function chooseLanguagePayload(code) {
    return "/choose_language" + JSON.stringify({language: code});
  }

  function setLanguage(code) {
    state.language = code;
    saveSession();
    renderLanguage();
  }

  function chooseLanguage(code) {
    languageToAnnounce = false;  // the choice itself tells the assistant
    setLanguage(code);
    setLanguageListOpen(false);
    send(chooseLanguagePayload(code), TEXTS.languages[code]);
    input.focus();
  }

  // The assistant answers in the conversation's language, and switches it when the resident
  // writes in another: the widget follows the language of its replies (staff write as they
  // like). Easy Japanese reads as Japanese, so it stays until the resident picks another.
  function followLanguage(code) {
    if (!code || code === state.language || (code === "ja" && state.language === "ja-easy")) return;
    setLanguage(code);
  }

  function shareLocation() {
    if (!navigator.geolocation) {
      addMessage({kind: "notice", key: "locationUnavailable"});
      return;
    }
    showStatus("locating");
    navigator.geolocation.getCurrentPosition(function (position) {
      showStatus(null);
      var where = {latitude: position.coords.latitude, longitude: position.coords.longitude};
      send("/share_location" + JSON.stringify(where), t("locationSent"));
    }, function (error) {
      showStatus(null);
      addMessage({kind: "notice",
        key: error.code === error.PERMISSION_DENIED ? "locationDenied" : "locationUnavailable"});
    }, {timeout: 15000, maximumAge: 60000});
  }

  // ---- opening, closing, keyboard ----
  function setOpen(open) {
    if (open) {
      panel.removeAttribute("hidden");
      unreadDot.setAttribute("hidden", "");
      if (!state.transcript.messages.length) addMessage({kind: "notice", key: "welcome"});
      connect();
    } else {
      panel.setAttribute("hidden", "");
      setLanguageListOpen(false);
    }
    launcher.setAttribute("aria-expanded", String(open));
    frame.setAttribute("data-open", String(open));
    state.transcript.open = open;
    saveTranscript();
    renderLauncherLabel();
  }

  function setLanguageListOpen(open) {
    if (open) languageList.removeAttribute("hidden"); else languageList.setAttribute("hidden", "");
    languageToggle.setAttribute("aria-expanded", String(open));
  }

  launcher.addEventListener("click", function () {
    setOpen(panel.hasAttribute("hidden"));
    if (!panel.hasAttribute("hidden")) input.focus();
  });
  closeButton.addEventListener("click", function () {
    setOpen(false);
    launcher.focus();
  });
  languageToggle.addEventListener("click", function () {
    var open = languageList.hasAttribute("hidden");
    setLanguageListOpen(open);
    if (open) languageButtons[LANGUAGE_CODES.indexOf(state.language)].focus();
  });
  panel.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    event.preventDefault();
    if (!languageList.hasAttribute("hidden")) {
      setLanguageListOpen(false);
      languageToggle.focus();
    } else {
      setOpen(false);
      launcher.focus();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) return;
    input.value = "";
    send(text, text);
  });
  locationButton.addEventListener("click", shareLocation);

  function start() {
    document.body.appendChild(host);
    state.transcript.messages.forEach(renderMessage);
    renderLanguage();
    setOpen(Boolean(state.transcript.open));
    // A conversation under way keeps listening (staff may answer while the panel is closed).
    if (state.transcript.messages.length) connect();
  }

  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();
})();
